// store/contract/operator_actions_contract_test.cpp — the OperatorActions contract on both stores: cancel, requeue
// and resolve guarded by the state they were decided on, recorded with who and why; cancel of a possible payment
// request needs force, of one the partner holds is refused; resolve names who holds a remote id; a dry run only judges.
#include <doctest/doctest.h>

#include "store/contract/store_under_test.h"

using payq::StatusCode;
using payq::store::ActionVerdict;
using payq::store::Actor;
using payq::store::OperatorAction;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;
const Actor kAnn{"ann", "customer left"};

// Three intents of batch b1, R-1 oldest.
void three(payq::testing::StoreUnderTest& s) {
  for (int i = 1; i <= 3; ++i) s.enqueue("R-" + std::to_string(i), kNow + i, "10.00", "EUR", std::string("b1"));
}

// Claims the oldest due intent and holds it after an ambiguous create, as the submitter does.
void hold_next_ambiguous(payq::testing::StoreUnderTest& s) {
  auto& queue = s.store().queue();
  auto claimed = queue.claim({1, 1}, kNow + 100, kNow + 60'000);
  REQUIRE(claimed.is_ok());
  REQUIRE(claimed->has_value());
  REQUIRE(queue.hold(**claimed, {.error = "timeout after sending", .ambiguous = true}, kNow + 100).is_ok());
}

std::string last_transition(payq::testing::StoreUnderTest& s, const std::string& ref) {
  return s.text("SELECT t.observed_by || ' ' || coalesce(t.detail, '-') FROM status_transitions t"
                " JOIN payment_intents i ON i.id = t.intent_id WHERE i.reference_id = '" + ref +
                "' ORDER BY t.id DESC LIMIT 1");
}

}  // namespace

STORE_CONTRACT("cancel applies to queued, failed and on_hold; a second cancel is already done; unknown is not found") {
  three(s);
  auto& actions = s.store().operator_actions();
  auto failing = s.store().queue().claim({1, 1}, kNow + 100, kNow + 60'000);
  REQUIRE(failing->has_value());
  REQUIRE(s.store().queue().fail(**failing, {.error = "amount: too large"}, kNow + 100).is_ok());
  auto holding = s.store().queue().claim({1, 1}, kNow + 100, kNow + 60'000);  // R-2, held: no request can exist
  REQUIRE(holding->has_value());
  REQUIRE(s.store().queue().hold(**holding, {.error = "unauthorized"}, kNow + 100).is_ok());
  REQUIRE(s.state("R-2") == "on_hold");
  for (const char* ref : {"R-1", "R-2", "R-3"}) {
    const auto report = actions.apply(OperatorAction::kCancel, ref, kAnn, kNow + 200);
    CHECK(report.verdict == ActionVerdict::kApplied);
    CHECK(report.to_state == "cancelled");
    CHECK(s.state(ref) == "cancelled");
    CHECK(last_transition(s, ref) == "operator:ann customer left");
  }
  CHECK(s.text("SELECT last_error FROM payment_intents WHERE reference_id = 'R-1'") == "amount: too large");
  const auto again = actions.apply(OperatorAction::kCancel, "R-1", {"bob", "again"}, kNow + 300);
  CHECK(again.verdict == ActionVerdict::kAlreadyDone);
  CHECK(s.number("SELECT count(*) FROM status_transitions WHERE observed_by = 'operator:bob'") == 0);
  CHECK(actions.apply(OperatorAction::kCancel, "nope", kAnn, kNow).verdict == ActionVerdict::kNotFound);
}

STORE_CONTRACT("requeue of an ambiguous hold keeps first_attempt_at; cancelling it then needs force") {
  three(s);
  hold_next_ambiguous(s);
  auto& actions = s.store().operator_actions();
  REQUIRE(actions.apply(OperatorAction::kRequeue, "R-1", kAnn, kNow + 500).verdict == ActionVerdict::kApplied);
  CHECK(s.text("SELECT state || ' ' || first_attempt_at || ' ' || attempts || ' ' || next_attempt_at"
               " FROM payment_intents WHERE reference_id = 'R-1'") ==
        "queued " + std::to_string(kNow + 100) + " 0 " + std::to_string(kNow + 500));
  const auto refused = actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow + 600);
  CHECK(refused.verdict == ActionVerdict::kNeedsForce);
  CHECK(refused.message.find("--force") != std::string::npos);
  CHECK(s.state("R-1") == "queued");
  REQUIRE(actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow + 700, {.force = true}).verdict ==
          ActionVerdict::kApplied);
  CHECK(s.state("R-1") == "cancelled");
  CHECK(last_transition(s, "R-1") ==
        "operator:ann customer left (forced: a payment request may exist at the partner)");
  CHECK(actions.apply(OperatorAction::kRequeue, "R-2", kAnn, kNow).verdict == ActionVerdict::kRefusedState);
}

STORE_CONTRACT("cancel refuses what the partner already has, by state, in a dry run too") {
  three(s);
  auto& queue = s.store().queue();
  for (const char* remote_id : {"pr_1", "pr_2"}) {
    auto claimed = queue.claim({1, 1}, kNow + 100, kNow + 60'000);
    REQUIRE(claimed->has_value());
    REQUIRE(queue.record_created(**claimed, remote_id, "pending", "{}", kNow + 100, kNow + 5'000).is_ok());
  }
  const std::int64_t r2 = s.number("SELECT id FROM payment_intents WHERE reference_id = 'R-2'");
  REQUIRE(s.store().polls().record_answer(r2, "paid", "{}", true, std::nullopt, kNow + 200).is_ok());
  auto& actions = s.store().operator_actions();
  const std::int64_t transitions = s.number("SELECT count(*) FROM status_transitions");
  for (const char* ref : {"R-1", "R-2"}) {
    INFO(ref);
    CHECK(actions.apply(OperatorAction::kCancel, ref, kAnn, kNow + 300, {.dry_run = true}).verdict ==
          ActionVerdict::kRefusedState);
    const auto report = actions.apply(OperatorAction::kCancel, ref, kAnn, kNow + 300);
    CHECK(report.verdict == ActionVerdict::kRefusedState);
    CHECK(report.message.find("only queued, failed or on_hold") != std::string::npos);
  }
  CHECK(s.state("R-1") == "submitted");
  CHECK(s.state("R-2") == "settled");
  CHECK(s.number("SELECT count(*) FROM status_transitions") == transitions);
}

STORE_CONTRACT("a write is guarded by the state it was decided on: a claim in between is reported, not overwritten") {
  three(s);
  auto& actions = s.store().operator_actions();
  auto selected = actions.select({std::nullopt, std::string("b1")});
  REQUIRE(selected.is_ok());
  REQUIRE(selected->size() == 3);
  CHECK((*selected)[0].reference_id == "R-1");
  // The daemon, on its own connection, claims R-1 after the selection.
  auto daemon = s.open_another();
  auto claimed = daemon->queue().claim({1, 1}, kNow + 100, kNow + 60'000);
  REQUIRE((**claimed).reference_id == "R-1");
  std::vector<ActionVerdict> verdicts;
  for (const auto& target : *selected) {
    verdicts.push_back(actions.apply(OperatorAction::kCancel, target, kAnn, kNow + 200).verdict);
  }
  CHECK(verdicts == std::vector{ActionVerdict::kChangedMeanwhile, ActionVerdict::kApplied, ActionVerdict::kApplied});
  CHECK(s.state("R-1") == "submitting");
  const auto report = actions.apply(OperatorAction::kCancel, (*selected)[0], kAnn, kNow + 300);
  CHECK(report.message.find("it is now submitting") != std::string::npos);
  CHECK(actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow + 300).verdict == ActionVerdict::kRefusedState);
}

STORE_CONTRACT("a dry run judges and writes nothing; select filters by state and batch") {
  three(s);
  s.enqueue("X-1", kNow + 10, "1.00", "USD", std::string("other"));
  auto& actions = s.store().operator_actions();
  const std::int64_t transitions = s.number("SELECT count(*) FROM status_transitions");
  CHECK(actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow, {.dry_run = true}).verdict ==
        ActionVerdict::kApplied);
  CHECK(s.state("R-1") == "queued");
  CHECK(s.number("SELECT count(*) FROM status_transitions") == transitions);
  REQUIRE(actions.apply(OperatorAction::kCancel, "R-3", kAnn, kNow).verdict == ActionVerdict::kApplied);
  auto cancelled = actions.select({std::string("cancelled"), std::string("b1")});
  REQUIRE(cancelled.is_ok());
  REQUIRE(cancelled->size() == 1);
  CHECK((*cancelled)[0].reference_id == "R-3");
  CHECK(actions.select({std::nullopt, std::string("other")})->size() == 1);
  CHECK(actions.select({std::string("queued"), std::nullopt})->size() == 3);
  CHECK(actions.select({std::nullopt, std::string("none")})->empty());
  CHECK_FALSE(actions.find("nope")->has_value());
}

STORE_CONTRACT("resolve submits a held intent with the found remote id; another intent's id is refused by name") {
  three(s);
  hold_next_ambiguous(s);
  hold_next_ambiguous(s);
  auto& actions = s.store().operator_actions();
  CHECK(actions.remote_id_owner_conflict("R-1", "pr_1").is_ok());
  const auto resolved = actions.resolve(**actions.find("R-1"), "pr_1", {"ann", "found in dashboard"}, kNow + 500);
  REQUIRE(resolved.verdict == ActionVerdict::kApplied);
  CHECK(s.text("SELECT state || ' ' || remote_id || ' ' || next_poll_at FROM payment_intents"
               " WHERE reference_id = 'R-1'") == "submitted pr_1 " + std::to_string(kNow + 500));
  CHECK(last_transition(s, "R-1") == "operator:ann found in dashboard");
  CHECK(s.store().polls().due(kNow + 500, 10)->size() == 1);
  const auto taken = actions.remote_id_owner_conflict("R-2", "pr_1");
  CHECK(taken.code() == StatusCode::kConflict);
  CHECK(taken.message().find("ref=R-1") != std::string::npos);
  const auto direct = actions.resolve(**actions.find("R-2"), "pr_1", kAnn, kNow + 600);
  CHECK(direct.verdict == ActionVerdict::kRemoteIdTaken);
  CHECK(direct.message.find("ref=R-1") != std::string::npos);
  CHECK(s.state("R-2") == "on_hold");
  const auto queued = actions.resolve(**actions.find("R-3"), "pr_3", kAnn, kNow + 700);
  CHECK(queued.verdict == ActionVerdict::kRefusedState);
  CHECK(queued.message.find("it is queued") != std::string::npos);
}
