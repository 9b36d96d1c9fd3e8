// cli/status_health.cpp — one function per rule (pause, daemon, queue, recent calls); judge() runs them all, so
// an operator sees every reason at once. A clean stop is not a reason by itself: see judge_daemon().
#include "cli/status_health.h"

#include <algorithm>
#include <cstdio>

#include "common/time_format.h"
#include "daemon/daemon_liveness.h"

namespace payq::cli {
namespace {

std::string ago(const StatusSnapshot& s, std::int64_t at_ms) {
  return format_utc_ms(at_ms) + " (" + std::to_string((s.now_ms - at_ms) / 1000) + " s ago)";
}

// Paused for longer than --paused-unhealthy-after: a pause someone forgot.
std::optional<std::string> judge_pause(const StatusSnapshot& s) {
  if (!s.paused || s.now_ms - s.paused->paused_at <= s.paused_unhealthy_after.count()) return std::nullopt;
  return "submissions paused by " + s.paused->paused_by + " since " + format_utc_ms(s.paused->paused_at) +
         ", longer than " + config::format_duration(s.paused_unhealthy_after) +
         (s.paused->reason.empty() ? "" : " (" + s.paused->reason + ")");
}

// A running daemon's own problem (database failing, partner unreachable, credentials rejected), or a daemon gone
// without a clean stop (killed, crashed, its host down). A clean stop is an operator's decision and shows as
// "stopped at"; work it leaves behind trips judge_queue() once it has waited --unhealthy-after, so a restart or an
// upgrade alerts nobody and a forgotten stop does.
std::optional<std::string> judge_daemon(const StatusSnapshot& s) {
  if (!s.daemon) return std::nullopt;
  if (daemon_running(s)) {
    if (s.daemon->problem) return "the daemon reports: " + *s.daemon->problem;
    return std::nullopt;
  }
  if (daemon_stopped_cleanly(s)) return std::nullopt;
  return "daemon not running: pid " + std::to_string(s.daemon->pid) +
         (s.daemon->host.empty() ? "" : " on " + s.daemon->host) + " last seen " + ago(s, s.daemon->beat_at) +
         " without a clean stop (killed, crashed, or its host is down)";
}

// Work has waited longer than --unhealthy-after (a queued intent that old, or a poll overdue by that much) and no
// API call succeeded within it. A fresh batch on an idle daemon is not a problem yet.
std::optional<std::string> judge_queue(const StatusSnapshot& s) {
  const std::int64_t limit = s.unhealthy_after.count();
  const auto& f = s.figures;
  const bool stale = !f.last_success_at || s.now_ms - *f.last_success_at > limit;
  if (!stale) return std::nullopt;
  const std::string since = f.last_success_at ? "no API call succeeded in the last " +
                                                    config::format_duration(s.unhealthy_after)
                                              : std::string("no API call ever succeeded");
  if (f.oldest_queued_at && s.now_ms - *f.oldest_queued_at > limit) {
    return std::to_string(count_of(s, "queued")) + " intents queued, the oldest since " +
           format_utc_ms(*f.oldest_queued_at) + ", and " + since;
  }
  if (f.oldest_poll_due_at && s.now_ms - *f.oldest_poll_due_at > limit) {
    return "polls overdue since " + format_utc_ms(*f.oldest_poll_due_at) + " and " + since;
  }
  return std::nullopt;
}

bool is_failure(const std::string& outcome) { return outcome != "success" && outcome != "rate_limited"; }

// "3 unauthorized, 2 retryable": the failed outcomes, most frequent first.
std::string breakdown(const std::map<std::string, std::int64_t>& by_outcome) {
  std::vector<std::pair<std::int64_t, std::string>> failed;
  for (const auto& [outcome, n] : by_outcome) {
    if (is_failure(outcome) && n > 0) failed.emplace_back(n, outcome);
  }
  std::stable_sort(failed.begin(), failed.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string text;
  for (const auto& [n, outcome] : failed) text += (text.empty() ? "" : ", ") + std::to_string(n) + " " + outcome;
  return text;
}

// The partner (or our credentials, or the intents) refuse everything lately, or a large share of it.
std::optional<std::string> judge_recent_calls(const StatusSnapshot& s) {
  const auto& latest = s.recent.latest_outcomes;
  const std::string window = std::to_string(kRecentWindow.count()) + " min";
  if (static_cast<int>(latest.size()) >= kAllFailCalls && std::all_of(latest.begin(), latest.end(), is_failure)) {
    std::map<std::string, std::int64_t> counted;
    for (const std::string& outcome : latest) ++counted[outcome];
    return "the last " + std::to_string(latest.size()) + " API calls (within " + window + ") all failed: " +
           breakdown(counted);
  }
  std::int64_t answered = 0;
  std::int64_t failed = 0;
  for (const auto& [outcome, n] : s.recent.by_outcome) {
    if (outcome == "rate_limited") continue;
    answered += n;
    if (is_failure(outcome)) failed += n;
  }
  if (answered < kSpikeMinCalls || static_cast<double>(failed) < kSpikeShare * static_cast<double>(answered)) {
    return std::nullopt;
  }
  return std::to_string(failed) + " of " + std::to_string(answered) + " API calls in the last " + window +
         " failed (" + std::to_string(failed * 100 / answered) + "%): " + breakdown(s.recent.by_outcome);
}

}  // namespace

std::int64_t count_of(const StatusSnapshot& s, std::string_view state) {
  auto it = s.by_state.find(std::string(state));
  return it == s.by_state.end() ? 0 : it->second;
}

bool daemon_running(const StatusSnapshot& s) {
  if (!s.daemon || !daemon::heartbeat_running(*s.daemon, s.now_ms)) return false;
  const std::int64_t stale_after = std::max<std::int64_t>(
      s.unhealthy_after.count(), std::chrono::milliseconds(kMinStaleHeartbeat).count());
  return s.now_ms - s.daemon->beat_at <= stale_after;
}

bool daemon_stopped_cleanly(const StatusSnapshot& s) {
  return s.daemon && daemon::heartbeat_stopped_cleanly(*s.daemon);
}

double request_rate(const StatusSnapshot& s) { return static_cast<double>(s.recent.calls_last_minute) / 60.0; }

std::optional<double> limiter_rate(const StatusSnapshot& s) {
  if (!daemon_running(s)) return std::nullopt;
  return s.daemon->rate;
}

std::vector<std::string> judge(const StatusSnapshot& s) {
  std::vector<std::string> reasons;
  for (auto rule : {judge_pause, judge_daemon, judge_queue, judge_recent_calls}) {
    if (auto reason = rule(s)) reasons.push_back(std::move(*reason));
  }
  return reasons;
}

}  // namespace payq::cli
