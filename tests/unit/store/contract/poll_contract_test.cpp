// store/contract/poll_contract_test.cpp — the PollStore and CallLog contracts on both stores: due polls oldest first,
// answers and their transitions, terminal statuses settle, failures and 404s counted (enough 404s hold), the call
// log appended and pruned in batches.
#include <doctest/doctest.h>

#include "store/contract/store_under_test.h"

using payq::StatusCode;
using payq::store::ClaimOwner;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;
constexpr ClaimOwner kOwner{1, 1};

// Enqueues and submits `ref` with remote id pr_<ref>, its first poll due at `next_poll_at`; returns its id.
std::int64_t submitted(payq::testing::StoreUnderTest& s, const std::string& ref, std::int64_t next_poll_at) {
  const std::int64_t id = s.enqueue(ref, kNow);
  auto claimed = s.store().queue().claim(kOwner, kNow, kNow + 60'000);
  REQUIRE(claimed.is_ok());
  REQUIRE(claimed->has_value());
  REQUIRE((**claimed).id == id);
  REQUIRE(s.store().queue().record_created(**claimed, "pr_" + ref, "pending", "{}", kNow, next_poll_at).is_ok());
  return id;
}

}  // namespace

STORE_CONTRACT("due polls come oldest due first, up to the limit; answers settle or reschedule with transitions") {
  const std::int64_t a = submitted(s, "A", kNow + 3'000);
  const std::int64_t b = submitted(s, "B", kNow + 2'000);
  submitted(s, "C", kNow + 1'000);
  auto& polls = s.store().polls();
  CHECK(*polls.next_due() == kNow + 1'000);
  auto due = polls.due(kNow + 2'500, 10);
  REQUIRE(due.is_ok());
  REQUIRE(due->size() == 2);
  CHECK((*due)[0].remote_id == "pr_C");
  CHECK((*due)[1].remote_id == "pr_B");
  CHECK((*due)[1].id == b);
  CHECK((*due)[1].remote_status == "pending");
  CHECK((*due)[1].polls == 0);
  CHECK((*due)[1].submitted_at == kNow);
  CHECK((*due)[1].pending_seen_at == kNow);
  CHECK((*due)[1].created_at == kNow);
  CHECK(polls.due(kNow + 2'500, 1)->size() == 1);
  CHECK(polls.due(kNow, 10)->empty());

  REQUIRE(polls.record_answer((*due)[0].id, "paid", R"({"status":"paid"})", true, std::nullopt, kNow + 2'500).is_ok());
  REQUIRE(polls.record_answer(b, "pending", "{}", false, kNow + 10'000, kNow + 2'600).is_ok());
  CHECK(s.state("C") == "settled");
  CHECK(s.text("SELECT remote_status || ' ' || settled_at || ' ' || polls FROM payment_intents"
               " WHERE reference_id = 'C'") == "paid " + std::to_string(kNow + 2'500) + " 1");
  CHECK(s.number("SELECT count(*) FROM payment_intents WHERE reference_id = 'C' AND next_poll_at IS NULL") == 1);
  CHECK(s.number("SELECT at FROM status_transitions WHERE new_value = 'paid'") == kNow + 2'500);
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE new_value = 'settled'"
                 " AND observed_by = 'reconciler'") == 1);
  CHECK(s.number("SELECT pending_seen_at FROM payment_intents WHERE reference_id = 'B'") == kNow + 2'600);
  CHECK(*polls.next_due() == kNow + 3'000);
  CHECK(polls.due(kNow + 9'999, 10)->front().id == a);
  // A settled intent takes no more answers.
  CHECK(polls.record_answer((*due)[0].id, "expired", "{}", true, std::nullopt, kNow + 3'000).code() ==
        StatusCode::kConflict);
  CHECK(s.text("SELECT remote_status FROM payment_intents WHERE reference_id = 'C'") == "paid");
}

STORE_CONTRACT("a failed poll is counted, keeps its error and is due again at the given time") {
  const std::int64_t id = submitted(s, "A", kNow + 1'000);
  auto& polls = s.store().polls();
  REQUIRE(polls.record_failure(id, "poll: connection reset", kNow + 9'000, kNow + 1'000).is_ok());
  CHECK(s.text("SELECT polls || ' ' || next_poll_at || ' ' || last_error FROM payment_intents") ==
        "1 " + std::to_string(kNow + 9'000) + " poll: connection reset");
  CHECK(s.state("A") == "submitted");
  CHECK(polls.due(kNow + 8'999, 10)->empty());
  REQUIRE(polls.record_answer(id, "pending", "{}", false, kNow + 20'000, kNow + 9'000).is_ok());
  CHECK(s.text("SELECT last_error FROM payment_intents") == "NULL");  // an answer clears the poll error
}

STORE_CONTRACT("404 answers are counted; the hold_after-th in a row puts the intent on hold; an answer resets them") {
  const std::int64_t id = submitted(s, "A", kNow + 1'000);
  auto& polls = s.store().polls();
  auto first = polls.record_not_found(id, "poll: 404", kNow + 2'000, 2, kNow + 1'000);
  REQUIRE(first.is_ok());
  CHECK_FALSE(*first);
  REQUIRE(polls.record_answer(id, "pending", "{}", false, kNow + 3'000, kNow + 2'000).is_ok());  // resets the count
  CHECK_FALSE(*polls.record_not_found(id, "poll: 404", kNow + 4'000, 2, kNow + 3'000));
  CHECK(s.state("A") == "submitted");
  auto held = polls.record_not_found(id, "poll: 404", kNow + 5'000, 2, kNow + 4'000);
  REQUIRE(held.is_ok());
  CHECK(*held);
  CHECK(s.state("A") == "on_hold");
  CHECK(s.text("SELECT polls || ' ' || coalesce(next_poll_at, -1) || ' ' || last_error FROM payment_intents") ==
        "4 -1 poll: 404");
  CHECK(s.text("SELECT observed_by || ': ' || detail FROM status_transitions WHERE new_value = 'on_hold'") ==
        "reconciler: the partner answered 404 to 2 polls in a row: it does not know this remote id");
  CHECK(polls.record_not_found(id, "poll: 404", kNow + 6'000, 2, kNow + 5'000).status().code() ==
        StatusCode::kConflict);
  CHECK_FALSE(polls.next_due()->has_value());
}

STORE_CONTRACT("api calls are appended as given and pruned oldest first in batches; the schema refuses a bad kind") {
  const std::int64_t id = s.enqueue("R-1", kNow);
  auto& log = s.store().call_log();
  for (int i = 0; i < 5; ++i) {
    REQUIRE(log.append({.intent_id = id, .kind = "create", .started_at_ms = kNow + i, .latency_ms = 12,
                        .http_status = 201, .outcome = "success"})
                .is_ok());
  }
  REQUIRE(log.append({.kind = "token", .started_at_ms = kNow, .latency_ms = 3, .transport_error = "maybe_sent",
                      .outcome = "ambiguous", .ambiguous = true, .error = "reset after sending"})
              .is_ok());
  CHECK(s.text("SELECT coalesce(intent_id, -1) || ' ' || latency_ms || ' ' || coalesce(http_status, -1) || ' ' ||"
               " transport_error || ' ' || outcome || ' ' || ambiguous || ' ' || error"
               " FROM api_calls WHERE kind = 'token'") == "-1 3 -1 maybe_sent ambiguous 1 reset after sending");
  CHECK(*log.prune(kNow + 3, 2) == 2);
  CHECK(*log.prune(kNow + 3, 10) == 2);
  CHECK(*log.prune(kNow + 3, 10) == 0);
  CHECK(s.number("SELECT count(*) FROM api_calls") == 2);
  CHECK(s.number("SELECT min(started_at) FROM api_calls") == kNow + 3);
  const auto refused = log.append({.kind = "bogus", .started_at_ms = kNow, .outcome = "success"});
  CHECK(refused.code() == StatusCode::kInvalidArgument);
  // The connection goes on after a refused statement.
  REQUIRE(log.append({.kind = "poll", .started_at_ms = kNow + 9, .outcome = "success"}).is_ok());
  CHECK(s.number("SELECT count(*) FROM api_calls") == 3);
}
