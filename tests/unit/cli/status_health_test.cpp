// unit/cli/status_health_test.cpp — the verdict of `payq status` rule by rule: the daemon's own problem, a daemon
// gone without a clean stop (and a clean stop, which is not a reason), recent calls all failing, a failure spike,
// and the two rates in requests per second. Snapshots are built by hand; no database.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/status_health.h"

using payq::cli::StatusSnapshot;

namespace {

constexpr std::int64_t kNow = 2'000'000'000'000;

StatusSnapshot with_daemon(std::int64_t beat_age_ms, std::optional<std::int64_t> stopped_at = std::nullopt) {
  StatusSnapshot s;
  s.now_ms = kNow;
  s.daemon = payq::store::Heartbeat{.pid = 4242, .version = "0.1.0", .started_at = kNow - 3'600'000,
                                    .beat_at = kNow - beat_age_ms, .rate = 2.5, .margin_us = 250'000,
                                    .host = "billing-1", .epoch = 3};
  s.daemon->stopped_at = stopped_at;
  return s;
}

bool mentions(const std::vector<std::string>& reasons, const std::string& text) {
  for (const std::string& reason : reasons) {
    if (reason.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_SUITE("cli.status_health") {
  TEST_CASE("a running daemon without a problem and no traffic is healthy") {
    const StatusSnapshot s = with_daemon(2'000);
    CHECK(payq::cli::daemon_running(s));
    CHECK(payq::cli::judge(s).empty());
    CHECK(payq::cli::limiter_rate(s) == 2.5);
  }

  TEST_CASE("credentials rejected: the running daemon's problem is a reason") {
    StatusSnapshot s = with_daemon(2'000);
    s.daemon->problem = "credentials rejected: token endpoint: HTTP 401 invalid_client (since 2026-12-01T04:15:37Z)";
    const auto reasons = payq::cli::judge(s);
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] == "the daemon reports: " + *s.daemon->problem);
  }

  TEST_CASE("a daemon gone without a clean stop is not running, once its heartbeat is stale") {
    StatusSnapshot s = with_daemon(31'000);
    CHECK_FALSE(payq::cli::daemon_running(s));
    CHECK(mentions(payq::cli::judge(s), "daemon not running: pid 4242 on billing-1 last seen"));
    CHECK_FALSE(payq::cli::limiter_rate(s).has_value());

    // --unhealthy-after shorter than 30 s shortens the wait, but never below two heartbeats.
    s = with_daemon(12'000);
    CHECK(payq::cli::daemon_running(s));
    s.unhealthy_after = std::chrono::seconds(11);
    CHECK_FALSE(payq::cli::daemon_running(s));
    CHECK(mentions(payq::cli::judge(s), "without a clean stop"));
    s = with_daemon(8'000);
    s.unhealthy_after = std::chrono::seconds(1);
    CHECK(payq::cli::daemon_running(s));
  }

  TEST_CASE("a clean stop is shown as stopped, not as a reason; a beat after it is a daemon running again") {
    StatusSnapshot s = with_daemon(60'000, kNow - 59'000);
    CHECK(payq::cli::daemon_stopped_cleanly(s));
    CHECK_FALSE(payq::cli::daemon_running(s));
    CHECK(payq::cli::judge(s).empty());
    s = with_daemon(1'000, kNow - 59'000);
    CHECK_FALSE(payq::cli::daemon_stopped_cleanly(s));
    CHECK(payq::cli::daemon_running(s));
  }

  TEST_CASE("the latest calls all failed: a reason naming their outcomes; a 429 counts neither way") {
    StatusSnapshot s = with_daemon(1'000);
    s.recent.latest_outcomes = {"unauthorized", "retryable", "unauthorized", "unauthorized", "retryable"};
    s.recent.by_outcome = {{"unauthorized", 3}, {"retryable", 2}, {"rate_limited", 9}};
    const auto reasons = payq::cli::judge(s);
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] == "the last 5 API calls (within 5 min) all failed: 3 unauthorized, 2 retryable");

    s.recent.latest_outcomes = {"unauthorized", "retryable", "success", "unauthorized", "unauthorized"};
    CHECK(payq::cli::judge(s).empty());
    s.recent.latest_outcomes = {"unauthorized", "retryable", "unauthorized", "unauthorized"};  // too few to judge
    CHECK(payq::cli::judge(s).empty());
  }

  TEST_CASE("a failure spike: half or more of at least 20 answered calls in the window") {
    StatusSnapshot s = with_daemon(1'000);
    s.recent.latest_outcomes = {"success", "ambiguous", "ambiguous", "ambiguous", "ambiguous"};
    s.recent.by_outcome = {{"success", 9}, {"ambiguous", 8}, {"permanent", 3}, {"rate_limited", 40}};
    const auto reasons = payq::cli::judge(s);
    REQUIRE(reasons.size() == 1);
    CHECK(reasons[0] == "11 of 20 API calls in the last 5 min failed (55%): 8 ambiguous, 3 permanent");

    s.recent.by_outcome = {{"success", 11}, {"ambiguous", 9}};
    CHECK(payq::cli::judge(s).empty());
    s.recent.by_outcome = {{"success", 1}, {"ambiguous", 18}};  // 19 answered: too few for a share
    CHECK(payq::cli::judge(s).empty());
  }

  TEST_CASE("every rule that fires is a reason, pause first") {
    StatusSnapshot s = with_daemon(40'000);
    s.paused = payq::store::PauseState{.paused_at = kNow - 7'200'000, .paused_by = "alice", .reason = "maintenance"};
    s.by_state["queued"] = 3;
    s.figures.oldest_queued_at = kNow - 3'600'000;
    const auto reasons = payq::cli::judge(s);
    REQUIRE(reasons.size() == 3);
    CHECK(reasons[0].starts_with("submissions paused by alice since"));
    CHECK(reasons[1].starts_with("daemon not running"));
    CHECK(reasons[2].starts_with("3 intents queued, the oldest since"));
  }

  TEST_CASE("the measured request rate is per second over the last minute") {
    StatusSnapshot s;
    s.recent.calls_last_minute = 150;
    CHECK(payq::cli::request_rate(s) == doctest::Approx(2.5));
  }
}
