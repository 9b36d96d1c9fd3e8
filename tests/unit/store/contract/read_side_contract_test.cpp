// store/contract/read_side_contract_test.cpp — the read-side contract on both stores, over intents driven through
// the write interfaces: batch progress, queue counts, status figures, recent calls, the intent reader's filters and
// history, every column of one intent, report totals, and a failed read as a Status.
#include <doctest/doctest.h>

#include "store/contract/store_under_test.h"

using payq::store::ClaimOwner;
using payq::store::ListQuery;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;
constexpr std::int64_t kHour = 3'600'000;
constexpr ClaimOwner kOwner{1, 1};

payq::store::ClaimedIntent claim_next(payq::testing::StoreUnderTest& s) {
  auto claimed = s.store().queue().claim(kOwner, kNow + 100, kNow + 60'000);
  REQUIRE(claimed.is_ok());
  REQUIRE(claimed->has_value());
  return **claimed;
}

std::int64_t submit_next(payq::testing::StoreUnderTest& s, const std::string& remote_id) {
  const auto claimed = claim_next(s);
  REQUIRE(s.store().queue().record_created(claimed, remote_id, "pending", "{}", kNow + 100, kNow + 5'000).is_ok());
  return claimed.id;
}

// R-1..R-6 in batch B (oldest first), X-1 in batch X, N-1 without one; R-1..R-6 taken to every final state but one.
void drive_batch(payq::testing::StoreUnderTest& s) {
  for (int i = 1; i <= 6; ++i) s.enqueue("R-" + std::to_string(i), kNow + i, "1.00", "USD", std::string("B"));
  s.enqueue("X-1", kNow + 7, "2.50", "EUR", std::string("X"));
  s.enqueue("N-1", kNow + 8, "3.00", "USD");
  auto& polls = s.store().polls();
  REQUIRE(polls.record_answer(submit_next(s, "pr_1"), "paid", "{}", true, std::nullopt, kNow + 200).is_ok());
  REQUIRE(polls.record_answer(submit_next(s, "pr_2"), "expired", "{}", true, std::nullopt, kNow + 200).is_ok());
  submit_next(s, "pr_3");  // stays submitted
  REQUIRE(s.store().queue().fail(claim_next(s), {.error = "amount too large"}, kNow + 200).is_ok());
  REQUIRE(s.store().queue().hold(claim_next(s), {.error = "timeout after sending", .ambiguous = true}, kNow + 200)
              .is_ok());
  REQUIRE(s.store().operator_actions().apply(payq::store::OperatorAction::kCancel, "R-6", {"ann", "dup"}, kNow + 200)
              .verdict == payq::store::ActionVerdict::kApplied);
}

std::vector<std::string> listed(payq::testing::StoreUnderTest& s, const ListQuery& query) {
  std::vector<std::string> refs;
  const auto status = s.store().intent_reader().for_each(query, [&](const payq::store::IntentRecord& r) {
    refs.push_back(r.reference_id);
    return true;
  });
  REQUIRE_MESSAGE(status.is_ok(), status.to_string());
  return refs;
}

}  // namespace

STORE_CONTRACT("batch progress counts each final state, keeps batches apart, and counts all without a batch") {
  drive_batch(s);
  auto& progress = s.store().batch_progress();
  auto counts = progress.count(std::string("B"));
  REQUIRE_MESSAGE(counts.is_ok(), counts.status().to_string());
  CHECK(counts->total == 6);
  CHECK(counts->final_count == 5);
  CHECK(counts->paid == 1);
  CHECK(counts->unpaid == 1);
  CHECK(counts->failed == 1);
  CHECK(counts->on_hold == 1);
  CHECK(counts->cancelled == 1);
  CHECK(counts->submitted == 1);
  CHECK(counts->queued == 0);
  CHECK_FALSE(counts->all_final());
  const auto fresh = *progress.count(std::string("X"));  // nothing of it final yet
  CHECK(fresh.total == 1);
  CHECK(fresh.queued == 1);
  CHECK(fresh.final_count == 0);
  CHECK_FALSE(fresh.all_final());
  CHECK(progress.count(std::string("nope"))->total == 0);
  CHECK(progress.count(std::nullopt)->total == 8);
  REQUIRE(s.store().polls().record_answer(3, "cancelled", "{}", true, std::nullopt, kNow + 300).is_ok());
  CHECK(progress.count(std::string("B"))->all_final());
  CHECK(progress.count(std::string("B"))->unpaid == 2);
  CHECK(progress.count(std::nullopt)->final_count == 6);
}

STORE_CONTRACT("queue stats count open work from the states; nothing open once all are final") {
  auto& stats = s.store().queue_stats();
  CHECK_FALSE(*stats.has_open_work());
  drive_batch(s);
  CHECK(*stats.has_open_work());
  auto open = stats.count_open();
  REQUIRE(open.is_ok());
  CHECK(open->queued == 2);
  CHECK(open->submitting == 0);
  CHECK(open->submitted == 1);
  CHECK(*stats.count_by_state() == std::map<std::string, std::int64_t>{{"queued", 2}, {"submitted", 1},
                                                                       {"settled", 2}, {"failed", 1},
                                                                       {"on_hold", 1}, {"cancelled", 1}});
  // A claimed intent is open work too; once every intent is final there is none.
  const auto x1 = claim_next(s);
  CHECK(stats.count_open()->submitting == 1);
  REQUIRE(s.store().queue().fail(x1, {.error = "refused"}, kNow + 300).is_ok());
  REQUIRE(s.store().operator_actions().apply(payq::store::OperatorAction::kCancel, "N-1", {"ann", "dup"}, kNow + 300)
              .verdict == payq::store::ActionVerdict::kApplied);
  CHECK(*stats.has_open_work());  // R-3 still awaits its poll
  REQUIRE(s.store().polls().record_answer(3, "paid", "{}", true, std::nullopt, kNow + 300).is_ok());
  CHECK_FALSE(*stats.has_open_work());
  open = stats.count_open();
  REQUIRE(open.is_ok());
  CHECK(open->queued == 0);
  CHECK(open->submitting == 0);
  CHECK(open->submitted == 0);
}

STORE_CONTRACT("status figures: oldest queued, earliest poll due, last success, window counts, ambiguous intents") {
  auto empty = s.store().health().figures(kNow - kHour);
  REQUIRE_MESSAGE(empty.is_ok(), empty.status().to_string());
  CHECK_FALSE(empty->oldest_queued_at.has_value());
  CHECK_FALSE(empty->oldest_poll_due_at.has_value());
  CHECK_FALSE(empty->last_success_at.has_value());
  CHECK(empty->calls_in_window == 0);
  CHECK(empty->rate_limited_in_window == 0);
  CHECK(empty->ambiguous_intents == 0);
  drive_batch(s);
  // X-1, the oldest queued, tried (the request may have reached the partner) and due again later than N-1: still the
  // oldest by creation, and an ambiguous intent although queued.
  REQUIRE(s.store().queue().reschedule(claim_next(s), kNow + kHour, {.error = "503", .ambiguous = true}, kNow + 150)
              .is_ok());
  auto& log = s.store().call_log();
  const auto call = [](std::int64_t at, const char* outcome, std::optional<int> status) {
    return payq::store::CallRow{.kind = "create", .started_at_ms = at, .latency_ms = 40, .http_status = status,
                                .outcome = outcome};
  };
  REQUIRE(log.append(call(kNow - 2 * kHour, "success", 201)).is_ok());  // outside the window
  REQUIRE(log.append(call(kNow - 30'000, "success", 201)).is_ok());
  REQUIRE(log.append(call(kNow - 20'000, "rate_limited", 429)).is_ok());
  REQUIRE(log.append(call(kNow - 10'000, "ambiguous", 503)).is_ok());
  auto f = s.store().health().figures(kNow - kHour);
  REQUIRE(f.is_ok());
  CHECK(f->oldest_queued_at == kNow + 7);
  CHECK(f->oldest_poll_due_at == kNow + 5'000);
  CHECK(f->last_success_at == kNow - 30'000 + 40);
  CHECK(f->calls_in_window == 3);
  CHECK(f->rate_limited_in_window == 1);
  CHECK(f->ambiguous_intents == 2);  // R-5 on hold, X-1 queued

  auto recent = s.store().health().recent_calls(kNow - 5 * 60'000, 2, kNow - 25'000);
  REQUIRE(recent.is_ok());
  CHECK(recent->by_outcome ==
        std::map<std::string, std::int64_t>{{"success", 1}, {"rate_limited", 1}, {"ambiguous", 1}});
  CHECK(recent->latest_outcomes == std::vector<std::string>{"ambiguous", "success"});
  CHECK(recent->calls_last_minute == 2);
  // A call that got no HTTP answer counts like any other; `latest` caps the list of outcomes.
  REQUIRE(log.append(call(kNow - 5'000, "retryable", std::nullopt)).is_ok());
  auto capped = s.store().health().recent_calls(kNow - 5 * 60'000, 1, kNow - 25'000);
  REQUIRE(capped.is_ok());
  CHECK(capped->by_outcome == std::map<std::string, std::int64_t>{
                                  {"success", 1}, {"rate_limited", 1}, {"ambiguous", 1}, {"retryable", 1}});
  CHECK(capped->latest_outcomes == std::vector<std::string>{"retryable"});
  CHECK(capped->calls_last_minute == 3);
  auto none = s.store().health().recent_calls(kNow + 1, 5, kNow + 1);
  REQUIRE(none.is_ok());
  CHECK(none->by_outcome.empty());
  CHECK(none->latest_outcomes.empty());
  CHECK(none->calls_last_minute == 0);
}

STORE_CONTRACT("the intent reader lists by state, batch, remote status, creation window and limit; shows history") {
  drive_batch(s);
  using Refs = std::vector<std::string>;
  const auto query = [](auto&& set) {
    ListQuery q;
    set(q);
    return q;
  };
  CHECK(listed(s, ListQuery{}) == Refs{"R-1", "R-2", "R-3", "R-4", "R-5", "R-6", "X-1", "N-1"});  // in id order
  CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "queued"; })) == Refs{"X-1", "N-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.filter.batch = "X"; })) == Refs{"X-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "pending"; })) == Refs{"R-3"});
  CHECK(listed(s, query([](ListQuery& q) { q.without_remote_status = true; })) ==
        Refs{"R-4", "R-5", "R-6", "X-1", "N-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.since_ms = kNow + 2, q.until_ms = kNow + 3; })) == Refs{"R-2", "R-3"});
  CHECK(listed(s, query([](ListQuery& q) { q.since_ms = kNow + 5, q.limit = 2; })) == Refs{"R-5", "R-6"});
  CHECK(listed(s, query([](ListQuery& q) { q.until_ms = kNow; })).empty());
  CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "paid", q.since_ms = kNow + 1; })) == Refs{"R-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "paid", q.since_ms = kNow + 2; })).empty());
  CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "queued", q.limit = 1; })) == Refs{"X-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "submitting"; })).empty());
  std::size_t seen = 0;
  REQUIRE(s.store().intent_reader().for_each({}, [&](const payq::store::IntentRecord&) { return ++seen < 3; }).is_ok());
  CHECK(seen == 3);  // stopped when the callback said so

  auto paid = s.store().intent_reader().find("R-1");
  REQUIRE(paid.is_ok());
  REQUIRE(paid->has_value());
  const auto& r = **paid;
  CHECK(r.state == "settled");
  CHECK(r.amount == "1.00");
  CHECK(r.amount_minor == 100);
  CHECK(r.batch == std::optional<std::string>("B"));
  CHECK(r.remote_id == std::optional<std::string>("pr_1"));
  CHECK(r.remote_status == std::optional<std::string>("paid"));
  CHECK(r.polls == 1);
  CHECK(r.settled_at == std::optional<std::int64_t>(kNow + 200));
  CHECK(r.created_at == kNow + 1);
  CHECK_FALSE(r.next_poll_at.has_value());
  CHECK_FALSE(s.store().intent_reader().find("nope")->has_value());
  auto history = s.store().intent_reader().transitions(r.id);
  REQUIRE(history.is_ok());
  std::vector<std::string> steps;
  for (const auto& t : *history) steps.push_back(t.field + ":" + t.new_value.value_or("-"));
  CHECK(steps == std::vector<std::string>{"state:queued", "state:submitting", "remote_status:pending",
                                          "state:submitted", "remote_status:paid", "state:settled"});
}

STORE_CONTRACT("report totals per currency and outcome, conversion, and orphans agree with what was driven") {
  drive_batch(s);
  auto report = s.store().reports().report({});
  REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> totals;
  for (const auto& t : report->totals) {
    totals[{t.currency, t.outcome}] = {t.intents, static_cast<std::int64_t>(t.total_minor)};
  }
  using Sum = std::pair<std::int64_t, std::int64_t>;
  CHECK(totals == std::map<std::pair<std::string, std::string>, Sum>{
                      {{"USD", "paid"}, {1, 100}},
                      {{"USD", "expired"}, {1, 100}},
                      {{"USD", "awaiting_payment"}, {1, 100}},
                      {{"USD", "failed"}, {1, 100}},
                      {{"USD", "on_hold"}, {1, 100}},
                      {{"USD", "cancelled_before_submit"}, {1, 100}},
                      {{"USD", "queued"}, {1, 300}},
                      {{"EUR", "queued"}, {1, 250}},
                  });
  REQUIRE_FALSE(report->conversion.empty());
  CHECK(report->conversion.back().currency.empty());
  CHECK(report->conversion.back().settled == 2);
  CHECK(report->conversion.back().paid == 1);
  REQUIRE(report->orphans.size() == 1);
  CHECK(report->orphans[0].reference_id == "R-5");
  CHECK(report->orphans[0].state == "on_hold");
  auto narrowed = s.store().reports().totals({.batch = std::string("X")});
  REQUIRE(narrowed.is_ok());
  REQUIRE(narrowed->size() == 1);
  CHECK((*narrowed)[0].currency == "EUR");
}

STORE_CONTRACT("find returns every column of an intent; transitions come oldest first with who and when") {
  const std::int64_t id = s.enqueue("R-1", 1'000, "12.50", "EUR", std::string("nov"));
  s.enqueue("R-2", 2'000);
  auto& queue = s.store().queue();
  const auto claim_at = [&](std::int64_t now) {
    auto claimed = queue.claim(kOwner, now, now + 60'000);
    REQUIRE_MESSAGE(claimed.is_ok(), claimed.status().to_string());
    REQUIRE(claimed->has_value());
    return **claimed;
  };
  // R-1 (due before R-2): answered 429, then an attempt that may have reached the partner, then created. (Each write
  // is later than the one before: a transition's time is the writer's updated_at only when that moved forward.)
  REQUIRE(queue.reschedule(claim_at(1'005), 1'100, {.error = "429", .counts = false, .throttled = true}, 1'010)
              .is_ok());
  REQUIRE(queue.reschedule(claim_at(1'100), 1'200, {.error = "503", .ambiguous = true}, 1'110).is_ok());
  REQUIRE(queue.record_created(claim_at(1'200), "pr_R-1", "pending", "{}", 1'300, 7'000,
                               std::string("https://pay.example/pr_R-1")).is_ok());
  // R-2 answered 429: queued again, due at 4'000.
  REQUIRE(queue.reschedule(claim_at(2'000), 4'000, {.error = "429", .counts = false, .throttled = true}, 2'010)
              .is_ok());
  auto& reader = s.store().intent_reader();

  auto found = reader.find("R-1");
  REQUIRE_MESSAGE(found.is_ok(), found.status().to_string());
  REQUIRE(found->has_value());
  const payq::store::IntentRecord& r = **found;
  CHECK(r.id == id);
  CHECK(r.reference_id == "R-1");
  CHECK(r.state == "submitted");
  CHECK(r.amount == "12.50");
  CHECK(r.amount_minor == 1250);
  CHECK(r.currency == "EUR");
  CHECK(r.redirect_url == "https://shop.example/back");
  CHECK(r.batch == std::optional<std::string>("nov"));
  CHECK(r.remote_id == std::optional<std::string>("pr_R-1"));
  CHECK(r.remote_status == std::optional<std::string>("pending"));
  CHECK(r.remote_payload == std::optional<std::string>("{}"));
  CHECK(r.attempts == 1);  // the 503; a 429 is not the intent's attempt
  CHECK(r.throttled == 1);
  CHECK(r.polls == 0);
  CHECK(r.ambiguous);
  CHECK_FALSE(r.last_error.has_value());  // cleared by the create
  CHECK(r.created_at == 1'000);
  CHECK(r.updated_at == 1'300);
  CHECK_FALSE(r.next_attempt_at.has_value());  // only while queued
  CHECK(r.next_poll_at == std::optional<std::int64_t>(7'000));
  CHECK_FALSE(r.settled_at.has_value());
  CHECK(r.payment_url == std::optional<std::string>("https://pay.example/pr_R-1"));

  auto queued = *reader.find("R-2");
  REQUIRE(queued.has_value());
  CHECK(queued->state == "queued");
  CHECK(queued->next_attempt_at == std::optional<std::int64_t>(4'000));
  CHECK_FALSE(queued->batch.has_value());
  CHECK_FALSE(queued->ambiguous);
  CHECK(queued->attempts == 0);
  CHECK(queued->throttled == 1);
  CHECK(queued->last_error == std::optional<std::string>("429"));
  CHECK_FALSE(queued->remote_payload.has_value());
  CHECK_FALSE(queued->payment_url.has_value());

  auto history = reader.transitions(id);
  REQUIRE_MESSAGE(history.is_ok(), history.status().to_string());
  std::vector<std::string> steps;
  for (const auto& t : *history) {
    steps.push_back(t.field + " " + t.old_value.value_or("-") + ">" + t.new_value.value_or("-") + " " +
                    std::to_string(t.at) + " " + t.observed_by);
  }
  // One write changed both: the remote status is recorded before the state.
  CHECK(steps == std::vector<std::string>{
                     "state ->queued 1000 producer", "state queued>submitting 1005 submitter",
                     "state submitting>queued 1010 submitter", "state queued>submitting 1100 submitter",
                     "state submitting>queued 1110 submitter", "state queued>submitting 1200 submitter",
                     "remote_status ->pending 1300 submitter", "state submitting>submitted 1300 submitter"});
  CHECK(reader.transitions(id + 100)->empty());
}

STORE_CONTRACT("a failing read is a Status naming what was read, not an exception") {
  s.exec("ALTER TABLE api_calls RENAME TO api_calls_elsewhere");
  auto figures = s.store().health().figures(kNow);
  REQUIRE_FALSE(figures.is_ok());
  CHECK(figures.status().code() == payq::StatusCode::kDatabase);
  CHECK(figures.status().message().find("read the health figures") != std::string::npos);
  if (s.is_postgres()) CHECK(figures.status().message().find("SQLSTATE 42P01") != std::string::npos);
}
