// store/contract/read_side_contract_test.cpp — the read-side contract on both stores, over intents driven through
// the write interfaces: batch progress, queue counts, status figures, recent calls, the intent reader's filters and
// history, and report totals.
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
  CHECK(progress.count(std::string("X"))->total == 1);
  CHECK(progress.count(std::string("X"))->queued == 1);
  CHECK(progress.count(std::string("nope"))->total == 0);
  CHECK(progress.count(std::nullopt)->total == 8);
  REQUIRE(s.store().polls().record_answer(3, "cancelled", "{}", true, std::nullopt, kNow + 300).is_ok());
  CHECK(progress.count(std::string("B"))->all_final());
  CHECK(progress.count(std::string("B"))->unpaid == 2);
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
}

STORE_CONTRACT("status figures: oldest queued, earliest poll due, last success, window counts, ambiguous intents") {
  auto empty = s.store().health().figures(kNow - kHour);
  REQUIRE_MESSAGE(empty.is_ok(), empty.status().to_string());
  CHECK_FALSE(empty->oldest_queued_at.has_value());
  CHECK_FALSE(empty->oldest_poll_due_at.has_value());
  CHECK_FALSE(empty->last_success_at.has_value());
  CHECK(empty->calls_in_window == 0);
  drive_batch(s);
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
  CHECK(f->ambiguous_intents == 1);

  auto recent = s.store().health().recent_calls(kNow - 5 * 60'000, 2, kNow - 25'000);
  REQUIRE(recent.is_ok());
  CHECK(recent->by_outcome ==
        std::map<std::string, std::int64_t>{{"success", 1}, {"rate_limited", 1}, {"ambiguous", 1}});
  CHECK(recent->latest_outcomes == std::vector<std::string>{"ambiguous", "success"});
  CHECK(recent->calls_last_minute == 2);
}

STORE_CONTRACT("the intent reader lists by state, batch, remote status, creation window and limit; shows history") {
  drive_batch(s);
  using Refs = std::vector<std::string>;
  const auto query = [](auto&& set) {
    ListQuery q;
    set(q);
    return q;
  };
  CHECK(listed(s, ListQuery{}).size() == 8);
  CHECK(listed(s, query([](ListQuery& q) { q.filter.state = "queued"; })) == Refs{"X-1", "N-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.filter.batch = "X"; })) == Refs{"X-1"});
  CHECK(listed(s, query([](ListQuery& q) { q.remote_status = "pending"; })) == Refs{"R-3"});
  CHECK(listed(s, query([](ListQuery& q) { q.without_remote_status = true; })).size() == 5);
  CHECK(listed(s, query([](ListQuery& q) { q.since_ms = kNow + 2, q.until_ms = kNow + 3; })) == Refs{"R-2", "R-3"});
  CHECK(listed(s, query([](ListQuery& q) { q.since_ms = kNow + 5, q.limit = 2; })) == Refs{"R-5", "R-6"});
  CHECK(listed(s, query([](ListQuery& q) { q.until_ms = kNow; })).empty());
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
