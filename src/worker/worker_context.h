// worker/worker_context.h — what every worker thread shares: the clock, the one limiter and budget scheduler,
// the token cache, the settings, the database's and the partner's health, this start's claim owners, the
// operator's pause, the metrics, the summarised log of 429s and the bell new intents ring. Built once by the
// daemon; everything in it is thread-safe or immutable.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "api/api_settings.h"
#include "api/token_cache.h"
#include "common/clock.h"
#include "common/episode_log.h"
#include "limiter/limiter.h"
#include "metrics/registry.h"
#include "worker/budget_scheduler.h"
#include "worker/claim_owners.h"
#include "worker/create_decision.h"
#include "worker/partner_breaker.h"
#include "worker/poll_schedule.h"
#include "worker/store_health.h"
#include "worker/submission_pause.h"
#include "worker/work_bell.h"

namespace payq::worker {

struct WorkerSettings {
  std::string database_location;                   // an SQLite file path or a database URL
  std::optional<std::string> database_password_file;  // for a database URL: a 0600 file with the password
  std::chrono::milliseconds busy_timeout{5000};
  CreatePolicy create;
  PollSchedule polls;
  std::chrono::milliseconds lease{std::chrono::seconds(120)};    // longer than any create can take
  std::chrono::milliseconds idle_check{std::chrono::milliseconds(100)};  // new work is seen within this
  // While the bell is listening (WorkBell::listening: every commit of new intents rings it), an idle submitter
  // looks on its own only this often: a safety net for a missed arrival, not the way new work is found.
  std::chrono::milliseconds listening_idle_check{std::chrono::seconds(1)};
  int max_not_found = 5;  // consecutive 404 polls before a remote id goes on hold
  BreakerOptions breaker;
};

struct WorkerContext {
  Clock& clock;
  limiter::Limiter& limiter;
  BudgetScheduler& scheduler;
  api::TokenCache& tokens;
  const api::ApiSettings& api;
  const WorkerSettings& settings;
  StoreHealth& store_health;
  PartnerBreaker& partner;
  ClaimOwners& owners;
  SubmissionPause& pause;  // the operator's pause: submitters claim nothing while it is set
  metrics::Registry& metrics;  // in-process counters and histograms for /metrics (fed whether served or not)
  EpisodeLog& rate_limited;    // 429s from the partner: the first in full, then a summary a minute (throttle_report.h)
  WorkBell& arrivals;          // rung when new intents were committed (daemon/arrival_listener.h); idle submitters wake
};

inline std::int64_t wall_ms(Clock& clock) { return to_unix_ms(clock.wall_now()); }

}  // namespace payq::worker
