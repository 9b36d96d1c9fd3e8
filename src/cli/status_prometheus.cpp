// cli/status_prometheus.cpp — one DatabaseFigures refresh from the first transition on, then the daemon's gauges
// as its heartbeat last reported them (omitted when no daemon ever ran on this database).
#include "cli/status_prometheus.h"

#include <vector>

#include "daemon/daemon_liveness.h"
#include "metrics/database_figures.h"
#include "metrics/exposition.h"
#include "store/metrics_queries.h"

namespace payq::cli {

Status print_status_prometheus(std::ostream& out, store::Connection& db, std::int64_t now_ms,
                               const std::optional<store::Heartbeat>& daemon, bool healthy) {
  store::MetricsQueries& queries = db.metrics();
  store::PauseStore& pause = db.pause();
  metrics::DatabaseFigures figures;
  if (Status read = figures.refresh(queries, pause, now_ms); !read) return read;
  std::vector<metrics::Family> families = figures.families();
  const bool running = daemon && daemon::heartbeat_running(*daemon, now_ms);  // a clean stop is not running
  families.push_back(metrics::gauge("payq_daemon_running",
                                    "1 when a payq run wrote its heartbeat recently and did not stop cleanly since",
                                    running ? 1 : 0));
  if (daemon) {
    for (metrics::Family& family : metrics::limiter_families(daemon->rate, daemon->margin_us)) {
      family.help += " (from the daemon's last heartbeat)";
      families.push_back(std::move(family));
    }
  }
  families.push_back(metrics::gauge("payq_healthy", "1 when payq status judges the queue healthy (exit 0)",
                                    healthy ? 1 : 0));
  metrics::write_exposition(out, families);
  return Status::ok();
}

}  // namespace payq::cli
