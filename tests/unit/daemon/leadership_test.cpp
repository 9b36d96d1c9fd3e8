// unit/daemon/leadership_test.cpp — the standby loop and the leader's watch over a scripted leader lock, a real
// SQLite store and the fake clock: leading at once when the lock is free, standing by (listed, retrying) while it
// is not, --until-idle and stop while standing by, and a lost lock stopping and aborting the daemon.
#include <doctest/doctest.h>

#include <functional>
#include <latch>

#include "daemon/leadership.h"
#include "payq/producer.h"
#include "store/open_store.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"

using payq::daemon::LeaderWatch;
using payq::daemon::LeadOutcome;
using payq::daemon::wait_to_lead;

namespace {

// A leader lock whose answers the test scripts: try_acquire is refused until attempt `granted_at` (0: never), and
// still_held fails from check `lost_at` on (0: never). `on_attempt` runs before each try_acquire answers.
class ScriptedLock final : public payq::store::LeaderLock {
 public:
  ScriptedLock(bool shared, int granted_at, int lost_at = 0)
      : shared_(shared), granted_at_(granted_at), lost_at_(lost_at) {}
  bool shared() const override { return shared_; }
  payq::Result<bool> try_acquire() override {
    ++attempts;
    if (on_attempt) on_attempt(attempts);
    return granted_at_ != 0 && attempts >= granted_at_;
  }
  payq::Status still_held() override {
    ++checks;
    if (lost_at_ != 0 && checks >= lost_at_) return {payq::StatusCode::kDatabase, "connection lost"};
    return payq::Status::ok();
  }
  int attempts = 0;
  int checks = 0;
  std::function<void(int)> on_attempt;

 private:
  bool shared_;
  int granted_at_;
  int lost_at_;
};

struct Database {
  payq::testing::TempDir dir;
  std::unique_ptr<payq::store::Connection> db =
      std::move(payq::store::open_store({.location = dir.file("q.db")})).value();
};

constexpr payq::daemon::StandbyOptions kSelf{.pid = 4242, .host = "host-b", .until_idle = false};

}  // namespace

TEST_SUITE("daemon.leadership") {
  TEST_CASE("an unshared database leads at once and lists no standby") {
    Database d;
    payq::testing::FakeClock clock;
    ScriptedLock lock(/*shared=*/false, /*granted_at=*/1);
    auto led = wait_to_lead(lock, *d.db, kSelf, clock, {});
    REQUIRE(led.is_ok());
    CHECK(*led == LeadOutcome::kLeading);
    CHECK(lock.attempts == 1);
    CHECK(d.db->heartbeat().standbys(0)->empty());
  }

  TEST_CASE("a standby is listed while it retries, and unlisted once it leads") {
    Database d;
    payq::testing::FakeClock clock;
    ScriptedLock lock(/*shared=*/true, /*granted_at=*/4);
    std::vector<std::size_t> listed;
    lock.on_attempt = [&](int) { listed.push_back(d.db->heartbeat().standbys(0)->size()); };
    const auto started = clock.steady_now();
    auto led = wait_to_lead(lock, *d.db, kSelf, clock, {});
    REQUIRE(led.is_ok());
    CHECK(*led == LeadOutcome::kLeading);
    CHECK(listed == std::vector<std::size_t>{0, 1, 1, 1});  // listed from its first refusal on
    CHECK(clock.steady_now() - started == 3 * payq::daemon::kStandbyRetry);
    CHECK(d.db->heartbeat().standbys(0)->empty());
  }

  TEST_CASE("the standby row says who waits and since when") {
    Database d;
    payq::testing::FakeClock clock;
    ScriptedLock lock(/*shared=*/true, /*granted_at=*/3);
    std::vector<payq::store::Standby> seen;
    lock.on_attempt = [&](int attempt) {
      if (attempt == 3) seen = *d.db->heartbeat().standbys(0);
    };
    const std::int64_t since = payq::to_unix_ms(clock.wall_now());
    REQUIRE(wait_to_lead(lock, *d.db, kSelf, clock, {}).is_ok());
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].pid == 4242);
    CHECK(seen[0].host == "host-b");
    CHECK(seen[0].since == since);
    CHECK(seen[0].beat_at == since + payq::daemon::kStandbyRetry.count());
  }

  TEST_CASE("--until-idle: a standby with nothing left to do ends, a busy queue keeps it waiting") {
    Database d;
    payq::testing::FakeClock clock;
    ScriptedLock never(/*shared=*/true, /*granted_at=*/0);
    auto idle = wait_to_lead(never, *d.db, {.pid = 1, .host = "h", .until_idle = true}, clock, {});
    REQUIRE(idle.is_ok());
    CHECK(*idle == LeadOutcome::kIdle);
    CHECK(d.db->heartbeat().standbys(0)->empty());

    auto producer = payq::Producer::open(d.dir.file("q.db"));
    REQUIRE(producer.is_ok());
    REQUIRE((*producer)->enqueue({"R-1", "1.00", "EUR", "https://s.example", std::nullopt}).is_ok());
    ScriptedLock later(/*shared=*/true, /*granted_at=*/5);
    auto led = wait_to_lead(later, *d.db, {.pid = 1, .host = "h", .until_idle = true}, clock, {});
    REQUIRE(led.is_ok());
    CHECK(*led == LeadOutcome::kLeading);  // work was waiting: it stood by until it could lead
    CHECK(later.attempts == 5);
  }

  TEST_CASE("stop while standing by ends the wait and unlists the standby") {
    Database d;
    payq::testing::FakeClock clock;
    ScriptedLock never(/*shared=*/true, /*granted_at=*/0);
    std::stop_source stop;
    never.on_attempt = [&](int attempt) {
      if (attempt == 3) stop.request_stop();
    };
    auto led = wait_to_lead(never, *d.db, kSelf, clock, stop.get_token());
    REQUIRE(led.is_ok());
    CHECK(*led == LeadOutcome::kStopped);
    CHECK(d.db->heartbeat().standbys(0)->empty());
  }

  TEST_CASE("a lost leader lock stops and aborts the daemon, and says why") {
    payq::testing::FakeClock clock;
    ScriptedLock lock(/*shared=*/true, /*granted_at=*/1, /*lost_at=*/3);
    std::stop_source stop;
    std::stop_source abort;
    std::latch aborted(1);
    std::stop_callback on_abort(abort.get_token(), [&] { aborted.count_down(); });
    LeaderWatch watch(lock, clock, stop, abort);
    aborted.wait();
    CHECK(stop.stop_requested());
    CHECK(lock.checks == 3);
    const payq::Status lost = watch.lost();
    CHECK(lost.code() == payq::StatusCode::kUnavailable);
    CHECK(lost.message().find("connection lost") != std::string::npos);
  }

  TEST_CASE("an unshared lock is never watched") {
    payq::testing::FakeClock clock;
    ScriptedLock lock(/*shared=*/false, /*granted_at=*/1, /*lost_at=*/1);
    std::stop_source stop;
    std::stop_source abort;
    {
      LeaderWatch watch(lock, clock, stop, abort);
      CHECK(watch.lost().is_ok());
    }
    CHECK(lock.checks == 0);
    CHECK_FALSE(stop.stop_requested());
  }
}
