// cli/status_health.h — the verdict of `payq status` over one snapshot of the database: every rule that fires adds
// a reason, and any reason makes the queue unhealthy (exit 9). Pure: the snapshot carries `now`; status.cpp prints.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/duration.h"
#include "store/health_queries.h"
#include "store/heartbeat_store.h"
#include "store/pause_store.h"
#include "store/settle_history.h"

namespace payq::cli {

// The recent-calls rules look at this window: the last kAllFailCalls answered calls in it all failed, or at least
// kSpikeMinCalls were answered and kSpikeShare or more of them failed. A 429 is neither a success nor a failure
// here (the limiter answers it); every other outcome but success is a failure.
inline constexpr std::chrono::minutes kRecentWindow{5};
// A standby that has not said it waits for this long is gone (standbys say so every second).
inline constexpr std::chrono::seconds kStandbySeen{10};
inline constexpr int kAllFailCalls = 5;
inline constexpr std::int64_t kSpikeMinCalls = 20;
inline constexpr double kSpikeShare = 0.5;
// A heartbeat never counts as stale before two beats (every 5 s) could have been missed.
inline constexpr std::chrono::seconds kMinStaleHeartbeat{10};

struct StatusSnapshot {
  std::int64_t now_ms = 0;
  config::Duration unhealthy_after{std::chrono::minutes(15)};
  config::Duration paused_unhealthy_after{std::chrono::hours(1)};
  std::map<std::string, std::int64_t> by_state;
  store::HealthFigures figures;
  store::RecentCalls recent;                // calls of the last kRecentWindow, and of the last minute
  std::optional<store::Heartbeat> daemon;   // the last heartbeat of a payq run on this database (the leader)
  std::vector<store::Standby> standbys;     // daemons waiting to lead a shared database, seen lately
  std::optional<store::PauseState> paused;  // the operator's pause of submissions, if any
  store::ReconcilerLoad polls;
  std::optional<double> median_to_payment_ms;  // learned from the history, as the adaptive policy sees it
  int settlements_learned = 0;
};

std::int64_t count_of(const StatusSnapshot& s, std::string_view state);

// The daemon runs: heartbeat_running() (no clean stop after the last beat, beat within 30 s), and the beat is no
// older than --unhealthy-after either when that is shorter (never under kMinStaleHeartbeat).
bool daemon_running(const StatusSnapshot& s);
// It stopped cleanly (SIGTERM, --until-idle done) after its last beat.
bool daemon_stopped_cleanly(const StatusSnapshot& s);

// Requests per second over the last minute, measured from api_calls (token, create and poll alike).
double request_rate(const StatusSnapshot& s);
// The limiter's allowed rate (req/s) as the running daemon last reported it; nullopt when no daemon runs.
std::optional<double> limiter_rate(const StatusSnapshot& s);

// Every reason the queue is unhealthy, most urgent first; empty when healthy.
std::vector<std::string> judge(const StatusSnapshot& s);

}  // namespace payq::cli
