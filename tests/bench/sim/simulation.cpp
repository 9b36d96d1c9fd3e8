// sim/simulation.cpp — builds the real components exactly as daemon/daemon.cpp does (settings from config defaults
// through daemon/settings), enqueues at virtual time 0 through the store's IntentWriter, runs, collects the figures.
#include "sim/simulation.h"

#include <stdlib.h>

#include <cstdio>

#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "daemon/settings.h"
#include "store/open_store.h"
#include "sim/virtual_clock.h"
#include "worker/reconciler.h"
#include "worker/submitter.h"

namespace payq::sim {
namespace {

// 2026-01-05T00:00:00Z: wall time is this plus the virtual time elapsed, so stored timestamps repeat run to run.
constexpr std::chrono::seconds kWallStart{1767571200};
constexpr std::chrono::seconds kDoneCheck{60};  // how often the driver asks the store whether anything is open

Result<std::string> make_directory(const std::string& wanted) {
  if (!wanted.empty()) return wanted;
  // /dev/shm is memory: the database file's fsyncs cost nothing there, so the run measures the daemon, not the disk.
  std::string pattern = (std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp") + std::string("/payq-sim.XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) return Status(StatusCode::kInternal, "cannot create " + pattern);
  return pattern;
}

config::Config sim_config(const SimOptions& options, const std::string& database_location) {
  config::Config config;
  config.database.path = database_location;
  config.api.base_url = "http://127.0.0.1:9";  // never dialled: the partner is in-process
  config.api.client_id = "sim-shop";
  config.api.client_secret = "sim-secret";
  config.reconciler.policy = options.policy == "backoff" ? config::PollPolicy::kBackoff : config::PollPolicy::kAdaptive;
  if (options.max_poll_interval) config.reconciler.max_poll_interval = *options.max_poll_interval;
  if (options.max_poll_gap) config.reconciler.max_poll_gap = *options.max_poll_gap;
  return config;
}

Status enqueue_intents(store::Connection& db, int count, std::int64_t now_ms) {
  store::IntentWriter& writer = db.intent_writer();
  if (Status begun = writer.begin(); !begun) return begun;
  for (int i = 1; i <= count; ++i) {
    char reference[32];
    std::snprintf(reference, sizeof reference, "sim-%06d", i);
    auto intent = validate_intent({reference, "10.00", "USD", "https://shop.example/return", "sim"});
    if (!intent) return intent.status();
    if (auto inserted = writer.insert(*intent, now_ms); !inserted) return inserted.status();
  }
  return writer.commit();
}

// Sleeps in virtual time until nothing is queued, submitting or awaiting a poll, or the horizon passed.
Status wait_until_final(VirtualClock& clock, store::Connection& db, std::chrono::hours horizon) {
  store::QueueStats& stats = db.queue_stats();
  while (clock.elapsed() < horizon) {
    auto open = stats.has_open_work();
    if (!open) return open.status();
    if (!*open) break;
    clock.sleep_until(clock.steady_now() + kDoneCheck, {});
  }
  return Status::ok();
}

// Wires the services exactly as Daemon::run does, runs them until every intent is final (or the horizon), stops
// them softly and joins them. The partner's figures and the virtual time taken go to `result`.
Status drive(const config::Config& config, const worker::WorkerSettings& settings, VirtualClock& clock,
             store::Connection& main_db, std::int64_t epoch, SimPartner& partner, SimResult& result) {
  const api::ApiSettings api_settings = daemon::api_settings_from(config);
  std::stop_source stop;
  worker::StoreHealth store_health;
  limiter::Limiter limiter(clock, daemon::limiter_options(config));
  worker::BudgetScheduler scheduler(limiter, config.reconciler.min_share);
  worker::LimiterGate token_gate(limiter, stop.get_token());
  api::TokenCache tokens(clock, token_gate, api_settings);
  worker::PartnerBreaker breaker(clock, settings.breaker);
  worker::ClaimOwners owners(epoch);
  worker::SubmissionPause pause;
  metrics::Registry metrics;
  EpisodeLog rate_limited(clock, "429 from the partner");
  worker::WorkBell arrivals;  // never rung: the simulation's SQLite store has no listener, submitters poll
  const worker::WorkerContext context{clock,   limiter, scheduler, tokens,       api_settings, settings, store_health,
                                      breaker, owners,  pause,     metrics,      rate_limited, arrivals};

  // As in the daemon, each thread opens its own connection and transport.
  const auto worker_thread = [&](std::string name, auto make_worker) {
    return clock.spawn(std::move(name), [&, make_worker] {
      auto db = store::open_store(
          {.location = settings.database_location, .busy_timeout = settings.busy_timeout, .migrate = false});
      if (!db) return;
      PartnerTransport transport(partner);
      auto worker = make_worker(std::move(db).value(), transport);
      (void)worker.run();
    });
  };
  std::vector<std::jthread> threads;
  for (int i = 0; i < config.workers.count; ++i) {
    threads.push_back(worker_thread("submitter-" + std::to_string(i + 1), [&](auto db, api::HttpTransport& t) {
      return worker::Submitter(context, std::move(db), t, stop.get_token());
    }));
  }
  threads.push_back(worker_thread("reconciler", [&](auto db, api::HttpTransport& t) {
    return worker::Reconciler(context, std::move(db), t, stop.get_token());
  }));

  const Status waited = wait_until_final(clock, main_db, result.options.horizon);
  result.simulated = clock.elapsed();
  stop.request_stop();
  clock.join_others();
  threads.clear();
  result.partner = partner.stats();
  return waited;
}

}  // namespace

bool policy_supported(const std::string& policy) { return policy == "backoff" || policy == "adaptive"; }

Result<SimResult> run_simulation(const SimOptions& options) {
  const auto wall_started = std::chrono::steady_clock::now();
  const auto workload = workload_named(options.workload);
  if (!workload) return Status(StatusCode::kInvalidArgument, "--workload: '" + options.workload + "' is not slow or fast");
  if (!policy_supported(options.policy)) {
    return Status(StatusCode::kInvalidArgument, "--policy: '" + options.policy + "' is not offered by this build");
  }
  auto directory = make_directory(options.directory);
  if (!directory) return directory.status();
  const config::Config config = sim_config(options, *directory + "/payq.db");
  worker::WorkerSettings settings = daemon::worker_settings(config);
  settings.idle_check = options.idle_check;

  VirtualClock clock{std::chrono::system_clock::time_point(kWallStart)};
  SimResult result{options, *directory, {}, {}, {}, 0.0};
  {
    auto main_db = store::open_store({.location = settings.database_location, .busy_timeout = settings.busy_timeout});
    if (!main_db) return main_db.status();
    if (Status enqueued = enqueue_intents(**main_db, options.intents, worker::wall_ms(clock)); !enqueued) {
      return enqueued;
    }
    auto epoch = (*main_db)->begin_epoch(1, "sim", worker::wall_ms(clock));
    if (!epoch) return epoch.status();
    SimPartner partner(clock, {*workload, options.seed, options.latency});
    if (Status ran = drive(config, settings, clock, **main_db, *epoch, partner, result); !ran) return ran;
    auto counts = (*main_db)->batch_progress().count(std::nullopt);
    if (!counts) return counts.status();
    result.counts = *counts;
  }
  if (options.directory.empty()) std::filesystem::remove_all(*directory);
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_started).count();
  return result;
}

}  // namespace payq::sim
