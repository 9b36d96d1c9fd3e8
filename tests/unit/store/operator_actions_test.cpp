// store/operator_actions_test.cpp — operator actions cannot hide a possible payment request or make an intent
// immortal: cancel of an intent whose request may exist needs force (and says so), requeue keeps the first
// attempt's time, resolve names the intent that already has a remote id; each write is guarded by the state it
// was decided on, records who and why, and a dry run writes nothing.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_operator_actions.h"
#include "support/temp_dir.h"

using payq::store::ActionVerdict;
using payq::store::Actor;
using payq::store::OperatorAction;
using OperatorActions = payq::store::SqliteOperatorActions;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;
const Actor kAnn{"ann", "customer left"};

struct Fixture {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;

  Fixture() {
    auto producer = payq::Producer::open(dir.file("q.db"));
    REQUIRE(producer.is_ok());
    for (const char* ref : {"R-1", "R-2", "R-3"}) {
      REQUIRE((*producer)->enqueue({ref, "10.00", "EUR", "https://shop.example/back", std::string("b1")}).is_ok());
    }
    db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value();
  }
  void set(const std::string& ref, const std::string& assignments) {
    SQLite::Statement q(*db, "UPDATE payment_intents SET " + assignments + " WHERE reference_id = ?");
    q.bind(1, ref);
    REQUIRE(q.exec() == 1);
  }
  // As the daemon leaves an intent after an ambiguous create that it held.
  void hold_ambiguous(const std::string& ref) {
    set(ref, "state = 'on_hold', ambiguous = 1, attempts = 3, first_attempt_at = 1000");
  }
  std::string value(const std::string& sql) { return db->execAndGet(sql).getString(); }
  std::string state(const std::string& ref) {
    return value("SELECT state FROM payment_intents WHERE reference_id = '" + ref + "'");
  }
  std::string last_transition(const std::string& ref) {
    return value("SELECT observed_by || ' ' || coalesce(detail, '-') FROM status_transitions t JOIN payment_intents i"
                 " ON i.id = t.intent_id WHERE i.reference_id = '" + ref + "' ORDER BY t.id DESC LIMIT 1");
  }
};

}  // namespace

TEST_CASE("requeue keeps first_attempt_at: the partner's idempotency window is not restarted") {
  Fixture f;
  f.hold_ambiguous("R-1");
  REQUIRE(OperatorActions(*f.db).apply(OperatorAction::kRequeue, "R-1", kAnn, kNow).verdict == ActionVerdict::kApplied);
  CHECK(f.value("SELECT state || ' ' || first_attempt_at || ' ' || attempts FROM payment_intents"
                " WHERE reference_id = 'R-1'") == "queued 1000 0");
}

TEST_CASE("cancel of an intent whose request may exist at the partner is refused unless forced") {
  Fixture f;
  f.hold_ambiguous("R-1");
  OperatorActions actions(*f.db);
  REQUIRE(actions.apply(OperatorAction::kRequeue, "R-1", kAnn, kNow).verdict == ActionVerdict::kApplied);
  const auto refused = actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow + 1);
  CHECK(refused.verdict == ActionVerdict::kNeedsForce);
  CHECK(refused.message.find("--force") != std::string::npos);
  CHECK(f.state("R-1") == "queued");
  REQUIRE(actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow + 2, {.force = true}).verdict ==
          ActionVerdict::kApplied);
  CHECK(f.state("R-1") == "cancelled");
  CHECK(f.last_transition("R-1") == "operator:ann customer left (forced: a payment request may exist at the partner)");
}

TEST_CASE("cancel discards failed and on_hold intents, records who and why, and a second cancel is a no-op") {
  Fixture f;
  f.set("R-1", "state = 'failed', last_error = 'amount: too large'");
  f.set("R-2", "state = 'on_hold'");
  OperatorActions actions(*f.db);
  for (const char* ref : {"R-1", "R-2"}) {
    const auto report = actions.apply(OperatorAction::kCancel, ref, kAnn, kNow);
    CHECK(report.verdict == ActionVerdict::kApplied);
    CHECK(report.to_state == "cancelled");
    CHECK(f.last_transition(ref) == "operator:ann customer left");
  }
  CHECK(f.value("SELECT last_error FROM payment_intents WHERE reference_id = 'R-1'") == "amount: too large");
  const auto again = actions.apply(OperatorAction::kCancel, "R-1", {"bob", "again"}, kNow + 5);
  CHECK(again.verdict == ActionVerdict::kAlreadyDone);
  CHECK(f.last_transition("R-1") == "operator:ann customer left");
  CHECK(f.value("SELECT count(*) FROM status_transitions WHERE observed_by = 'operator:bob'") == "0");
}

TEST_CASE("cancel refuses what the partner already has, by state") {
  Fixture f;
  f.set("R-1", "state = 'submitted', remote_id = 'pr_1'");
  f.set("R-2", "state = 'settled', remote_id = 'pr_2'");
  OperatorActions actions(*f.db);
  for (const char* ref : {"R-1", "R-2"}) {
    const auto report = actions.apply(OperatorAction::kCancel, ref, kAnn, kNow);
    CHECK(report.verdict == ActionVerdict::kRefusedState);
    CHECK(report.message.find("only queued, failed or on_hold") != std::string::npos);
  }
  CHECK(f.state("R-1") == "submitted");
}

TEST_CASE("a write is guarded by the state it was decided on: a claim in between is reported, not overwritten") {
  Fixture f;
  OperatorActions actions(*f.db);
  auto selected = actions.select({std::nullopt, std::string("b1")});
  REQUIRE(selected.is_ok());
  REQUIRE(selected->size() == 3);
  f.set("R-2", "state = 'submitting', lease_until = 1");  // the daemon claims R-2 after the selection
  std::vector<ActionVerdict> verdicts;
  for (const auto& target : *selected) {
    verdicts.push_back(actions.apply(OperatorAction::kCancel, target, kAnn, kNow).verdict);
  }
  CHECK(verdicts == std::vector{ActionVerdict::kApplied, ActionVerdict::kChangedMeanwhile, ActionVerdict::kApplied});
  CHECK(f.state("R-2") == "submitting");
  const auto report = actions.apply(OperatorAction::kCancel, (*selected)[1], kAnn, kNow);
  CHECK(report.message.find("it is now submitting") != std::string::npos);
}

TEST_CASE("a dry run judges each intent and writes nothing") {
  Fixture f;
  f.set("R-2", "state = 'settled', remote_id = 'pr_2'");
  OperatorActions actions(*f.db);
  const std::string before = f.value("SELECT count(*) FROM status_transitions");
  CHECK(actions.apply(OperatorAction::kCancel, "R-1", kAnn, kNow, {.dry_run = true}).verdict ==
        ActionVerdict::kApplied);
  CHECK(actions.apply(OperatorAction::kCancel, "R-2", kAnn, kNow, {.dry_run = true}).verdict ==
        ActionVerdict::kRefusedState);
  CHECK(f.state("R-1") == "queued");
  CHECK(f.value("SELECT count(*) FROM status_transitions") == before);
}

TEST_CASE("select filters by batch and state") {
  Fixture f;
  f.set("R-3", "state = 'failed'");
  OperatorActions actions(*f.db);
  auto failed = actions.select({std::string("failed"), std::string("b1")});
  REQUIRE(failed.is_ok());
  REQUIRE(failed->size() == 1);
  CHECK((*failed)[0].reference_id == "R-3");
  CHECK(actions.select({std::nullopt, std::string("other")})->empty());
}

TEST_CASE("resolve refuses a remote id another intent has, naming it") {
  Fixture f;
  f.hold_ambiguous("R-1");
  f.hold_ambiguous("R-2");
  OperatorActions actions(*f.db);
  CHECK(actions.remote_id_owner_conflict("R-1", "pr_1").is_ok());
  REQUIRE(actions.resolve(**actions.find("R-1"), "pr_1", {"ann", "found it"}, kNow).verdict ==
          ActionVerdict::kApplied);
  const auto taken = actions.remote_id_owner_conflict("R-2", "pr_1");
  CHECK(taken.code() == payq::StatusCode::kConflict);
  CHECK(taken.message().find("ref=R-1") != std::string::npos);
  const auto direct = actions.resolve(**actions.find("R-2"), "pr_1", {"ann", "found it"}, kNow);
  CHECK(direct.verdict == ActionVerdict::kRemoteIdTaken);
  CHECK(direct.message.find("ref=R-1") != std::string::npos);
  CHECK(f.state("R-2") == "on_hold");
}

TEST_CASE("resolve of an intent that is not on_hold is refused by state") {
  Fixture f;
  OperatorActions actions(*f.db);
  const auto queued = actions.resolve(**actions.find("R-1"), "pr_1", kAnn, kNow);
  CHECK(queued.verdict == ActionVerdict::kRefusedState);
  CHECK(queued.message.find("it is queued") != std::string::npos);
}
