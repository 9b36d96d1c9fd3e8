// daemon/daemon.cpp — builds the shared services, starts the worker threads, runs maintenance on the calling
// thread, and on stop joins everything. A fatal database error in any thread stops the whole daemon.
#include "daemon/daemon.h"

#include <limits>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/maintenance.h"
#include "daemon/settings.h"
#include "store/database.h"
#include "worker/reconciler.h"
#include "worker/rescuer.h"
#include "worker/submitter.h"

namespace payq::daemon {
namespace {

// The first fatal error of any thread; setting it stops everyone.
class FatalSlot {
 public:
  explicit FatalSlot(std::stop_source& stop) : stop_(stop) {}
  void report(const Status& status) {
    if (status.is_ok()) return;
    std::lock_guard lock(mutex_);
    if (status_.is_ok()) {
      status_ = status;
      spdlog::critical("stopping: {}", status.message());
    }
    stop_.request_stop();
  }
  Status get() {
    std::lock_guard lock(mutex_);
    return status_;
  }

 private:
  std::stop_source& stop_;
  std::mutex mutex_;
  Status status_;  // guarded by mutex_
};

}  // namespace

Daemon::Daemon(const config::Config& config, DaemonOptions options, Clock& clock, TransportFactory transports,
               LifecycleHooks hooks)
    : config_(config), options_(options), clock_(clock), transports_(std::move(transports)), hooks_(std::move(hooks)) {}

Status Daemon::run(std::stop_source& stop, std::stop_source& abort) {
  const worker::WorkerSettings settings = worker_settings(config_);
  const api::ApiSettings api_settings = api_settings_from(config_);
  auto main_db = store::open_database({.path = settings.database_path, .busy_timeout = settings.busy_timeout});
  if (!main_db) return main_db.status();

  // Every submitting intent at start is an orphan of a previous run (the instance lock is ours).
  worker::Rescuer rescuer(**main_db, settings.create);
  if (auto orphans = rescuer.recover(std::numeric_limits<std::int64_t>::max(), worker::wall_ms(clock_)); !orphans) {
    return orphans.status();
  } else if (*orphans > 0) {
    spdlog::warn("recovered {} intent(s) claimed by a previous run that stopped mid-call", *orphans);
  }

  limiter::Limiter limiter(clock_, limiter_options(config_));
  worker::BudgetScheduler scheduler(limiter, config_.reconciler.min_share);
  worker::LimiterGate token_gate(limiter, stop.get_token());
  api::TokenCache tokens(clock_, token_gate, api_settings);
  const worker::WorkerContext context{clock_, limiter, scheduler, tokens, api_settings, settings};
  FatalSlot fatal(stop);

  // Each thread opens its own connection and transport: SQLite connections and curl handles never cross threads.
  const auto worker_thread = [&](auto make_worker) {
    return std::jthread([&, make_worker] {
      auto db = store::open_database({.path = settings.database_path, .busy_timeout = settings.busy_timeout,
                                      .migrate = false});
      if (!db) return fatal.report(db.status());
      auto transport = transports_(abort.get_token());
      auto worker = make_worker(std::move(db).value(), *transport);
      fatal.report(worker.run());
    });
  };
  std::vector<std::jthread> threads;
  for (int i = 0; i < config_.workers.count; ++i) {
    threads.push_back(worker_thread([&](std::unique_ptr<SQLite::Database> db, api::HttpTransport& transport) {
      return worker::Submitter(context, std::move(db), transport, stop.get_token());
    }));
  }
  threads.push_back(worker_thread([&](std::unique_ptr<SQLite::Database> db, api::HttpTransport& transport) {
    return worker::Reconciler(context, std::move(db), transport, stop.get_token());
  }));

  spdlog::info("payq running: {} submitter(s), 1 reconciler, {} req/s against {}", config_.workers.count,
               config_.rate_limit.requests_per_second, api_settings.base_url);
  if (hooks_.ready) hooks_.ready();
  Maintenance maintenance(**main_db, clock_, limiter, scheduler, rescuer, options_, settings, hooks_);
  fatal.report(maintenance.run(stop));
  stop.request_stop();
  if (hooks_.stopping) hooks_.stopping();
  spdlog::info("stopping: finishing calls in flight");
  std::jthread deadline([&](std::stop_token joined) {
    if (clock_.sleep_until(clock_.steady_now() + kSoftStopGrace, joined)) {
      spdlog::warn("calls still in flight after {} s: aborting them", kSoftStopGrace.count());
      abort.request_stop();
    }
  });
  threads.clear();  // joins: each thread records its in-flight outcome before it returns
  deadline.request_stop();
  spdlog::info("stopped");
  return fatal.get();
}

}  // namespace payq::daemon
