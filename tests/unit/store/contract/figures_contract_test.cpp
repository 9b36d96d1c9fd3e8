// store/contract/figures_contract_test.cpp — the daemon's own figures on both stores: the metrics (transitions
// tallied after a cursor, the oldest queued intent, calls since a time) and the settle history the poll policy reads.
#include <doctest/doctest.h>

#include <map>
#include <tuple>

#include "store/contract/store_under_test.h"

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

}  // namespace

STORE_CONTRACT("metrics: state transitions tallied after a cursor, the oldest queued intent, calls since a time") {
  auto& metrics = s.store().metrics();
  CHECK_FALSE(metrics.oldest_queued_created_at()->has_value());
  auto none = metrics.state_transitions_after(0);
  REQUIRE_MESSAGE(none.is_ok(), none.status().to_string());
  CHECK(none->tallies.empty());
  CHECK(none->last_id == 0);
  s.enqueue("R-1", kNow + 1);
  s.enqueue("R-2", kNow + 2);
  auto first = metrics.state_transitions_after(0);
  REQUIRE_MESSAGE(first.is_ok(), first.status().to_string());
  REQUIRE(first->tallies.size() == 1);
  CHECK(first->tallies[0].from.empty());
  CHECK(first->tallies[0].to == "queued");
  CHECK(first->tallies[0].count == 2);
  auto claimed = s.store().queue().claim({1, 1}, kNow + 10, kNow + 60'000);
  REQUIRE(s.store().queue().fail(**claimed, {.error = "refused"}, kNow + 11).is_ok());
  auto later = metrics.state_transitions_after(first->last_id);
  REQUIRE(later.is_ok());
  std::map<std::pair<std::string, std::string>, std::int64_t> tallies;
  for (const auto& t : later->tallies) tallies[{t.from, t.to}] = t.count;
  CHECK(tallies == std::map<std::pair<std::string, std::string>, std::int64_t>{{{"queued", "submitting"}, 1},
                                                                              {{"submitting", "failed"}, 1}});
  auto nothing_new = metrics.state_transitions_after(later->last_id);
  REQUIRE(nothing_new.is_ok());
  CHECK(nothing_new->tallies.empty());
  CHECK(nothing_new->last_id == later->last_id);
  CHECK(*metrics.oldest_queued_created_at() == kNow + 2);

  // R-2 created: its remote status change is a transition too, but not a state one; last_id is the last state one.
  claimed = s.store().queue().claim({1, 1}, kNow + 20, kNow + 60'000);
  REQUIRE(s.store().queue().record_created(**claimed, "pr_2", "pending", "{}", kNow + 21, kNow + 99).is_ok());
  auto created = metrics.state_transitions_after(later->last_id);
  REQUIRE(created.is_ok());
  tallies.clear();
  for (const auto& t : created->tallies) tallies[{t.from, t.to}] = t.count;
  CHECK(tallies == std::map<std::pair<std::string, std::string>, std::int64_t>{{{"queued", "submitting"}, 1},
                                                                              {{"submitting", "submitted"}, 1}});
  CHECK(created->last_id == s.number("SELECT max(id) FROM status_transitions WHERE field = 'state'"));
  CHECK_FALSE(metrics.oldest_queued_created_at()->has_value());

  auto& log = s.store().call_log();
  REQUIRE(log.append({.kind = "create", .started_at_ms = kNow - 5, .latency_ms = 1, .outcome = "success"}).is_ok());
  REQUIRE(log.append({.kind = "create", .started_at_ms = kNow, .latency_ms = 1, .http_status = 201,
                      .outcome = "success"}).is_ok());
  for (int i = 0; i < 2; ++i) {
    REQUIRE(log.append({.kind = "create", .started_at_ms = kNow + i, .latency_ms = 1, .http_status = 429,
                        .outcome = "rate_limited"}).is_ok());
  }
  REQUIRE(log.append({.kind = "poll", .started_at_ms = kNow + 1, .latency_ms = 1, .transport_error = "maybe_sent",
                      .outcome = "ambiguous", .ambiguous = true}).is_ok());
  REQUIRE(log.append({.kind = "token", .started_at_ms = kNow + 2, .latency_ms = 1, .http_status = 200,
                      .outcome = "success"}).is_ok());
  auto calls = metrics.calls_since(kNow);  // from kNow on, inclusive
  REQUIRE_MESSAGE(calls.is_ok(), calls.status().to_string());
  using Tally = std::tuple<std::int64_t, std::int64_t, std::int64_t>;  // count, rate limited, ambiguous
  std::map<std::pair<std::string, std::string>, Tally> got;
  for (const auto& c : *calls) got[{c.kind, c.outcome}] = {c.count, c.rate_limited, c.ambiguous};
  CHECK(got == std::map<std::pair<std::string, std::string>, Tally>{{{"create", "success"}, {1, 0, 0}},
                                                                    {{"create", "rate_limited"}, {2, 2, 0}},
                                                                    {{"poll", "ambiguous"}, {1, 0, 1}},
                                                                    {{"token", "success"}, {1, 0, 0}}});
}

STORE_CONTRACT("settle history: the latest requests with their sightings, newest first; the reconciler's load") {
  for (int i = 1; i <= 3; ++i) s.enqueue("R-" + std::to_string(i), kNow);
  for (int i = 1; i <= 3; ++i) {
    auto claimed = s.store().queue().claim({1, 1}, kNow + i, kNow + 60'000);
    REQUIRE(s.store().queue().record_created(**claimed, "pr_" + std::to_string(i), "pending", "{}", kNow + 10 * i,
                                             kNow + 100).is_ok());
  }
  REQUIRE(s.store().polls().record_answer(1, "pending", "{}", false, kNow + 500, kNow + 100).is_ok());
  REQUIRE(s.store().polls().record_answer(1, "paid", "{}", true, std::nullopt, kNow + 500).is_ok());
  REQUIRE(s.store().call_log().append({.intent_id = 1, .kind = "poll", .started_at_ms = kNow + 100, .latency_ms = 1,
                                       .http_status = 200, .outcome = "success"}).is_ok());
  REQUIRE(s.store().polls().record_answer(3, "pending", "{}", false, kNow + 900, kNow + 200).is_ok());
  // Settled by a poll without a pending sighting: its sighting is its submission.
  s.enqueue("R-4", kNow + 1);
  s.enqueue("R-5", kNow + 1);
  for (int i = 4; i <= 5; ++i) {
    auto claimed = s.store().queue().claim({1, 1}, kNow + 2, kNow + 60'000);
    REQUIRE(s.store().queue().record_created(**claimed, "pr_" + std::to_string(i), "pending", "{}", kNow + i,
                                             kNow + 100).is_ok());
  }
  REQUIRE(s.store().polls().record_answer(4, "expired", "{}", true, std::nullopt, kNow + 700).is_ok());
  // A person's settlement (plain SQL: no command settles) says nothing about when customers pay: left out.
  s.exec("UPDATE payment_intents SET state = 'settled', remote_status = 'paid', settled_at = " +
         std::to_string(kNow + 800) + ", changed_by = 'operator:ann' WHERE reference_id = 'R-5'");
  // Requests no poll has seen yet tell nothing about settling times: left out.
  auto recent = s.store().settle_history().recent(1);
  REQUIRE_MESSAGE(recent.is_ok(), recent.status().to_string());
  REQUIRE(recent->size() == 1);
  CHECK((*recent)[0].submitted_at == kNow + 30);
  CHECK((*recent)[0].pending_seen_at == kNow + 200);
  CHECK_FALSE((*recent)[0].settled_at.has_value());
  CHECK((*recent)[0].remote_status == "pending");
  auto all = *s.store().settle_history().recent(10);
  REQUIRE(all.size() == 3);
  CHECK(all[1].remote_status == "paid");
  CHECK(all[1].pending_seen_at == kNow + 100);
  CHECK(all[1].settled_at == std::optional<std::int64_t>(kNow + 500));
  CHECK(all[2].remote_status == "expired");
  CHECK(all[2].submitted_at == kNow + 4);
  CHECK(all[2].pending_seen_at == kNow + 4);
  CHECK(all[2].settled_at == std::optional<std::int64_t>(kNow + 700));
  // The last hour includes its first instant; create calls are not polls.
  const std::int64_t now = kNow + 1'000;
  for (const std::int64_t at : {now - 3'600'001, now - 3'600'000}) {
    REQUIRE(s.store().call_log().append({.intent_id = 3, .kind = "poll", .started_at_ms = at, .latency_ms = 1,
                                         .http_status = 200, .outcome = "success"}).is_ok());
  }
  REQUIRE(s.store().call_log().append({.intent_id = 3, .kind = "create", .started_at_ms = now - 1, .latency_ms = 1,
                                       .http_status = 201, .outcome = "success"}).is_ok());
  auto load = s.store().settle_history().load(now);
  REQUIRE(load.is_ok());
  CHECK(load->awaiting_poll == 2);
  CHECK(load->polls_last_hour == 2);
}
