// metrics/database_figures.h — the metrics read from the database, shared by the daemon's /metrics and
// `payq status --format prometheus`: intents by state, in flight, oldest queued age, state transitions, recent
// API calls, the operator's pause; and the limiter gauges both report. One owner thread (maintenance, or status).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "metrics/exposition.h"
#include "payq/status.h"
#include "store/metrics_queries.h"
#include "store/pause_store.h"

namespace payq::metrics {

class DatabaseFigures {
 public:
  // Reads the figures as of now_ms. Transitions are read from where the previous refresh stopped, so after the
  // first call a refresh costs what is new, not the whole history. On error the previous figures stay.
  Status refresh(store::MetricsQueries& queries, store::PauseStore& pause, std::int64_t now_ms);
  // Intents by state are derived from the transition tallies: every state change is a status_transitions row
  // (the schema's triggers write it, whoever changed the state), so in minus out is the count, without a scan.
  std::vector<Family> families() const;

  static constexpr std::int64_t kRecentWindowMs = 3'600'000;  // "last hour" of api_calls

 private:
  std::int64_t after_id_ = 0;
  std::map<std::pair<std::string, std::string>, std::int64_t> transitions_;  // (from, to) -> rows
  std::optional<std::int64_t> oldest_queued_at_;
  bool paused_ = false;
  std::int64_t now_ms_ = 0;
  std::vector<store::CallTally> recent_calls_;
};

// The limiter's allowed rate (req/s) and safety margin, as the daemon holds them or its heartbeat last said.
std::vector<Family> limiter_families(double rate, std::int64_t margin_us);
// One gauge without labels.
Family gauge(std::string name, std::string help, double value);

}  // namespace payq::metrics
