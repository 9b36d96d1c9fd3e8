// store/operator_actions_test.cpp — operator actions cannot hide a possible payment request or make an intent
// immortal: cancel of an ambiguous queued intent needs force (and says so), requeue keeps the first attempt's
// time, resolve names the intent that already has a remote id.
#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>

#include "payq/producer.h"
#include "store/database.h"
#include "store/operator_actions.h"
#include "support/temp_dir.h"

using payq::StatusCode;
using payq::store::OperatorActions;

namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

struct Fixture {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;

  Fixture() {
    auto producer = payq::Producer::open(dir.file("q.db"));
    REQUIRE(producer.is_ok());
    for (const char* ref : {"R-1", "R-2"}) {
      REQUIRE((*producer)->enqueue({ref, "10.00", "EUR", "https://shop.example/back", std::nullopt}).is_ok());
    }
    db = std::move(payq::store::open_database({.path = dir.file("q.db")})).value();
  }
  // As the daemon leaves an intent after an ambiguous create that it held.
  void hold_ambiguous(const std::string& ref) {
    SQLite::Statement q(*db, "UPDATE payment_intents SET state = 'on_hold', ambiguous = 1, attempts = 3,"
                             " first_attempt_at = 1000 WHERE reference_id = ?");
    q.bind(1, ref);
    REQUIRE(q.exec() == 1);
  }
  std::string value(const std::string& sql) { return db->execAndGet(sql).getString(); }
  std::string last_detail(const std::string& ref) {
    return value("SELECT coalesce(detail, '') FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id"
                 " WHERE i.reference_id = '" + ref + "' ORDER BY t.id DESC LIMIT 1");
  }
};

}  // namespace

TEST_CASE("requeue keeps first_attempt_at: the partner's idempotency window is not restarted") {
  Fixture f;
  f.hold_ambiguous("R-1");
  REQUIRE(OperatorActions(*f.db).requeue("R-1", "retry", kNow).is_ok());
  CHECK(f.value("SELECT state || ' ' || first_attempt_at || ' ' || attempts FROM payment_intents"
                " WHERE reference_id = 'R-1'") == "queued 1000 0");
}

TEST_CASE("cancel of a queued intent flagged ambiguous is refused unless forced") {
  Fixture f;
  f.hold_ambiguous("R-1");
  OperatorActions actions(*f.db);
  REQUIRE(actions.requeue("R-1", "retry", kNow).is_ok());
  const auto refused = actions.cancel("R-1", "customer left", kNow + 1);
  CHECK(refused.code() == StatusCode::kConflict);
  CHECK(refused.message().find("--force") != std::string::npos);
  CHECK(f.value("SELECT state FROM payment_intents WHERE reference_id = 'R-1'") == "queued");
  REQUIRE(actions.cancel("R-1", "customer left", kNow + 2, /*force=*/true).is_ok());
  CHECK(f.value("SELECT state FROM payment_intents WHERE reference_id = 'R-1'") == "cancelled");
  CHECK(f.last_detail("R-1") == "customer left (forced: a payment request may exist at the partner)");
}

TEST_CASE("cancel of a plain queued intent needs no force and records the reason as given") {
  Fixture f;
  REQUIRE(OperatorActions(*f.db).cancel("R-2", "duplicate order", kNow).is_ok());
  CHECK(f.last_detail("R-2") == "duplicate order");
}

TEST_CASE("resolve refuses a remote id another intent has, naming it") {
  Fixture f;
  f.hold_ambiguous("R-1");
  f.hold_ambiguous("R-2");
  OperatorActions actions(*f.db);
  CHECK(actions.check_resolvable("R-1", "pr_1").is_ok());
  REQUIRE(actions.resolve("R-1", "pr_1", "found it", kNow).is_ok());
  const auto taken = actions.check_resolvable("R-2", "pr_1");
  CHECK(taken.code() == StatusCode::kConflict);
  CHECK(taken.message().find("ref=R-1") != std::string::npos);
  const auto direct = actions.resolve("R-2", "pr_1", "found it", kNow);
  CHECK(direct.code() == StatusCode::kConflict);
  CHECK(direct.message().find("ref=R-1") != std::string::npos);
  CHECK(f.value("SELECT state FROM payment_intents WHERE reference_id = 'R-2'") == "on_hold");
}

TEST_CASE("check_resolvable says why before anyone asks the partner") {
  Fixture f;
  OperatorActions actions(*f.db);
  CHECK(actions.check_resolvable("nope", "pr_1").code() == StatusCode::kNotFound);
  const auto queued = actions.check_resolvable("R-1", "pr_1");
  CHECK(queued.code() == StatusCode::kConflict);
  CHECK(queued.message().find("it is queued") != std::string::npos);
}
