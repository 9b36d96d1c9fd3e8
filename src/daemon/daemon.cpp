// daemon/daemon.cpp — builds the shared services, starts the worker threads, runs maintenance on the calling
// thread, and on stop joins everything. Nothing a thread meets on the way (a locked or failing database, an
// unreachable partner) ends the daemon: only a stop does.
#include "daemon/daemon.h"

#include <unistd.h>

#include <functional>
#include <limits>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/arrival_listener.h"
#include "daemon/daemon_liveness.h"
#include "daemon/leadership.h"
#include "daemon/maintenance.h"
#include "daemon/settings.h"
#include "metrics/http_endpoint.h"
#include "store/open_store.h"
#include "worker/reconciler.h"
#include "worker/rescuer.h"
#include "worker/submitter.h"

namespace payq::daemon {
namespace {

// Runs `open` until it succeeds or stop, waiting out a writer that holds the lock (an import, an operator's
// sqlite3) or a database server that is not there yet.
template <typename Opened>
Result<Opened> open_patiently(const std::string& what, Clock& clock, worker::StoreHealth& health,
                              std::stop_token stop, const std::function<Result<Opened>()>& open) {
  Opened opened_value;
  worker::PatientWriter writer(clock, health, std::move(stop));
  const Status opened = writer.write(what, [&] {
    auto attempt = open();
    if (!attempt) return attempt.status();
    opened_value = std::move(attempt).value();
    return Status::ok();
  });
  if (!opened) return opened;
  return opened_value;
}

Result<std::unique_ptr<store::Connection>> open_store_patiently(const store::OpenOptions& options, Clock& clock,
                                                                worker::StoreHealth& health, std::stop_token stop) {
  return open_patiently<std::unique_ptr<store::Connection>>(
      "open database " + store::display_location(options.location), clock, health, std::move(stop),
      [&] { return store::open_store(options); });
}

// The epoch of this start, recorded once the database is ours (the caller holds the instance lock).
Result<std::int64_t> begin_epoch(store::Connection& db, const DaemonIdentity& identity, Clock& clock,
                                 worker::StoreHealth& health, std::stop_token stop) {
  std::int64_t epoch = 0;
  worker::PatientWriter writer(clock, health, std::move(stop));
  const Status begun = writer.write("record this daemon start", [&] {
    auto attempt = db.begin_epoch(identity.pid, identity.host, worker::wall_ms(clock));
    if (attempt) epoch = *attempt;
    return attempt.status();
  });
  if (!begun) return begun;
  return epoch;
}

}  // namespace

Daemon::Daemon(const config::Config& config, DaemonOptions options, Clock& clock, TransportFactory transports,
               LifecycleHooks hooks)
    : config_(config), options_(std::move(options)), clock_(clock), transports_(std::move(transports)),
      hooks_(std::move(hooks)) {}

Status Daemon::run(std::stop_source& stop, std::stop_source& abort) {
  const worker::WorkerSettings settings = worker_settings(config_);
  const api::ApiSettings api_settings = api_settings_from(config_);
  worker::StoreHealth store_health;
  const store::OpenOptions database{.location = settings.database_location,
                                    .busy_timeout = settings.busy_timeout,
                                    .password_file = settings.database_password_file};
  auto main_db = open_store_patiently(database, clock_, store_health, stop.get_token());
  if (!main_db) return main_db.status();
  DaemonIdentity identity{::getpid(), host_name(), 0};
  auto leader_lock = open_patiently<std::unique_ptr<store::LeaderLock>>(
      "open the leader lock's session", clock_, store_health, stop.get_token(),
      [&] { return store::open_leader_lock(database); });
  if (!leader_lock) return leader_lock.status();
  auto led = wait_to_lead(**leader_lock, **main_db, {identity.pid, identity.host, options_.until_idle}, clock_,
                          stop.get_token());
  if (!led) return led.status();
  if (*led != LeadOutcome::kLeading) return Status::ok();  // stopped, or --until-idle found nothing left
  // On a shared database the leader lock is the authority: a fresh heartbeat is the leader this one replaces.
  const bool shared = (*leader_lock)->shared();
  if (!shared) {
    if (Status alone = check_no_live_daemon((*main_db)->heartbeat(), identity, worker::wall_ms(clock_)); !alone) {
      return alone;
    }
  }
  metrics::Registry metrics;  // outlives the endpoint that reads it and the workers that feed it
  std::unique_ptr<metrics::HttpEndpoint> endpoint;
  if (const auto& listen = config_.metrics.listen) {
    auto started = metrics::HttpEndpoint::start(*listen, metrics);
    if (!started) return started.status();
    endpoint = std::move(started).value();
    spdlog::info("metrics served at http://{}/metrics", config::to_string(*listen));
  }
  auto epoch = begin_epoch(**main_db, identity, clock_, store_health, stop.get_token());
  if (!epoch) return epoch.status();
  identity.epoch = *epoch;

  // Every claim of an earlier epoch is an orphan of a daemon that is gone (the instance or leader lock is ours).
  worker::Rescuer rescuer((*main_db)->queue(), settings.create, identity.epoch);
  if (auto orphans = rescuer.recover(std::numeric_limits<std::int64_t>::max(), worker::wall_ms(clock_)); !orphans) {
    spdlog::error("recovering earlier claims: {} (tried again in a moment)", orphans.status().message());
  } else if (*orphans > 0) {
    spdlog::warn("recovered {} intent(s) claimed by a previous run that stopped mid-call", *orphans);
  }

  if (shared) {  // the limiter starts afresh: let the previous leader's last requests leave the window first
    spdlog::info("leading epoch {}: first partner request in {} ms", identity.epoch, kTakeoverQuiet.count());
    if (!clock_.sleep_until(clock_.steady_now() + kTakeoverQuiet, stop.get_token())) return Status::ok();
  }
  LeaderWatch leadership(**leader_lock, clock_, stop, abort);

  limiter::Limiter limiter(clock_, limiter_options(config_));
  worker::BudgetScheduler scheduler(limiter, config_.reconciler.min_share);
  worker::LimiterGate token_gate(limiter, stop.get_token());
  api::TokenCache tokens(clock_, token_gate, api_settings);
  worker::PartnerBreaker partner(clock_, settings.breaker);
  worker::ClaimOwners owners(identity.epoch);
  worker::SubmissionPause pause(/*start_paused=*/true);  // until maintenance has read the pause once
  EpisodeLog rate_limited(clock_, "429 from the partner");
  worker::WorkBell arrivals;
  const worker::WorkerContext context{clock_,  limiter, scheduler, tokens,  api_settings, settings, store_health,
                                      partner, owners,  pause,     metrics, rate_limited, arrivals};
  // Where the store can tell of other processes' commits, new intents wake the submitters (joined before `arrivals`
  // goes); elsewhere the listener ends at once and submitters look every idle_check.
  ArrivalListener listener([&] { return store::open_intent_arrivals(database); }, arrivals, clock_, stop.get_token());

  // Each thread opens its own connection and transport: database connections and curl handles never cross threads.
  const auto worker_thread = [&](auto make_worker) {
    return std::jthread([&, make_worker] {
      store::OpenOptions worker_database = database;
      worker_database.migrate = false;
      auto db = open_store_patiently(worker_database, clock_, store_health, stop.get_token());
      if (!db) return;  // stopped before the database opened
      auto transport = transports_(abort.get_token());
      auto worker = make_worker(std::move(db).value(), *transport);
      (void)worker.run();
    });
  };
  std::vector<std::jthread> threads;
  for (int i = 0; i < config_.workers.count; ++i) {
    threads.push_back(worker_thread([&](std::unique_ptr<store::Connection> db, api::HttpTransport& transport) {
      return worker::Submitter(context, std::move(db), transport, stop.get_token());
    }));
  }
  threads.push_back(worker_thread([&](std::unique_ptr<store::Connection> db, api::HttpTransport& transport) {
    return worker::Reconciler(context, std::move(db), transport, stop.get_token());
  }));

  spdlog::info("payq running: epoch {}, {} submitter(s), 1 reconciler, {} req/s against {}", identity.epoch,
               config_.workers.count, config_.rate_limit.requests_per_second, api_settings.base_url);
  Maintenance maintenance(**main_db, context, rescuer, options_, identity, hooks_, reload_requested_,
                          endpoint != nullptr);
  if (endpoint) {  // scrapes waiting since the bind get the database figures too
    (void)maintenance.sample_metrics();
    endpoint->serve();
  }
  if (hooks_.ready) hooks_.ready();
  maintenance.run(stop);
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
  maintenance.record_stop();
  if (endpoint) endpoint->stop();
  spdlog::info("stopped");
  return leadership.lost();
}

}  // namespace payq::daemon
