// cli/run.cpp — `payq run [--until-idle]`: validates the config for the API, sets up logging and signals
// (before any thread starts), takes the single-instance lock, then hands over to daemon::Daemon.
#include <sys/stat.h>

#include <atomic>
#include <functional>
#include <optional>
#include <ostream>
#include <stop_token>

#include <spdlog/spdlog.h>

#include "api/curl_global.h"
#include "api/curl_transport.h"
#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "common/clock.h"
#include "config/loader.h"
#include "daemon/daemon.h"
#include "daemon/instance_lock.h"
#include "daemon/logging.h"
#include "daemon/notify.h"
#include "daemon/process_guard.h"
#include "daemon/settings.h"
#include "daemon/signals.h"
#include "store/open_store.h"

namespace payq::cli {
namespace {

int fail_with(std::ostream& err, const Status& status, int code) {
  err << "payq: " << status.message() << "\n";
  return code;
}

Result<config::Config> load_run_config(const CommandContext& ctx) {
  const auto env = config::process_env();
  auto config = config::load_config_file(config::config_path(ctx.global.config_path, env), env);
  if (!config) return config.status();
  apply_db_override(*config, ctx.global);
  if (Status usable = config::validate_for_api(*config); !usable) return usable;
  return config;
}

// The client secret as the config file and environment give it now (a reload after the partner rejected it).
Result<std::string> read_client_secret(const GlobalOptions& global) {
  const auto env = config::process_env();
  auto config = config::load_config_file(config::config_path(global.config_path, env), env);
  if (!config) return config.status();
  return config->api.client_secret;
}

// SIGHUP: flush the logs and re-read log.level from the config file; the daemon re-reads the client secret.
// Everything else needs a restart. A config that no longer loads is reported and changes nothing.
void reload(const GlobalOptions& global) {
  daemon::reopen_logs();
  const auto env = config::process_env();
  auto config = config::load_config_file(config::config_path(global.config_path, env), env, config::Secrets::kIgnore);
  if (!config) return spdlog::error("SIGHUP: config not reloaded: {}", config.status().message());
  if (Status set = daemon::set_log_level(config->log.level); !set) return spdlog::error("SIGHUP: {}", set.message());
  spdlog::info("SIGHUP: log level {}", config->log.level);
}

}  // namespace

ArgParser run_parser() {
  ArgParser parser("payq run [--until-idle]",
                   "Run the daemon: submit queued intents to the partner API under the rate limit, retry what\n"
                   "can be retried, poll submitted requests until they are paid, expired or cancelled.\n"
                   "SIGTERM/SIGINT stop it gracefully; a second one stops it at once (in-flight calls recorded).");
  parser.flag("until-idle", "exit 0 once nothing is queued, submitting or awaiting a poll");
  return parser;
}

int run_run(CommandContext& ctx) {
  ArgParser parser = run_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  auto config = load_run_config(ctx);
  if (!config) return fail_with(ctx.err, config.status(), kExitConfig);
  daemon::LogSettings log_settings;
  log_settings.level = config->log.level;
  log_settings.format = config->log.format;
  if (Status logging = daemon::configure_logging(log_settings); !logging) return fail_with(ctx.err, logging, kExitConfig);
  daemon::guard_process(config->api);  // no core dumps from here on; warns about a secret file others can read
  std::atomic<daemon::Daemon*> running{nullptr};  // for SIGHUP, once the daemon exists
  std::stop_source stop;   // soft: no new claims, calls in flight finish
  std::stop_source abort;  // hard: calls in flight are cut off (a second SIGTERM/SIGINT, or the grace period)
  daemon::Notifier notifier;
  // Signals are blocked before any other thread exists, so only the watcher ever sees them.
  auto signals = daemon::SignalWatcher::start({.on_stop = [&] { stop.request_stop(); },
                                               .on_force_stop =
                                                   [&] {
                                                     stop.request_stop();
                                                     abort.request_stop();
                                                   },
                                               .on_reload =
                                                   [&] {
                                                     reload(ctx.global);
                                                     if (auto* d = running.load()) d->reload();
                                                   }});
  if (!signals) return fail_with(ctx.err, signals.status(), kExitInternal);
  // Everything the daemon creates (the database, its -wal/-shm files, the lock) is at most 0640: a reporting
  // group reads, nobody else does. SQLite gives -wal/-shm the database's mode; a stricter umask is kept.
  ::umask(::umask(0) | 027);
  // One daemon per SQLite file: a lock beside it. (Daemons sharing a database URL coordinate in the database.)
  std::optional<daemon::InstanceLock> lock;
  if (!store::is_database_url(config->database.location())) {
    auto acquired = daemon::InstanceLock::acquire(config->database.path);
    if (!acquired) return fail_with(ctx.err, acquired.status(), kExitAlreadyRunning);
    lock = std::move(acquired).value();
  }
  api::CurlGlobal curl;
  if (!curl.status()) return fail_with(ctx.err, curl.status(), kExitInternal);
  const api::ApiSettings api_settings = daemon::api_settings_from(*config);
  SystemClock clock;
  std::function<void()> watchdog;  // WATCHDOG=1 only when the unit has WatchdogSec=
  if (notifier.watchdog_interval()) watchdog = [&] { notifier.watchdog(); };
  const daemon::DaemonOptions options{.until_idle = parser.flag_set("until-idle"),
                                      .retention = config->retention.api_calls,
                                      .read_client_secret = [&] { return read_client_secret(ctx.global); }};
  daemon::Daemon daemon(*config, options, clock,
                        [&](std::stop_token cut_off) {
                          return std::make_unique<api::CurlTransport>(api_settings, std::move(cut_off));
                        },
                        {.ready = [&] { notifier.ready(); },
                         .status = [&](const std::string& line) { notifier.status(line); },
                         .stopping = [&] { notifier.stopping(); },
                         .watchdog = std::move(watchdog)});
  running.store(&daemon);
  const Status result = daemon.run(stop, abort);
  running.store(nullptr);
  if (result.code() == StatusCode::kConflict) return fail_with(ctx.err, result, kExitAlreadyRunning);
  if (!result) return fail_with(ctx.err, result, exit_code_for(result));
  return kExitOk;
}

}  // namespace payq::cli
