// cli/status_prometheus.h — `payq status --format prometheus`: the database-derived metrics in the text exposition
// format, for node_exporter's textfile collector. The figures and the writer are src/metrics/'s, as /metrics uses.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>


#include "payq/status.h"
#include "store/connection.h"
#include "store/heartbeat_store.h"

namespace payq::cli {

// daemon: the last heartbeat (limiter gauges and payq_daemon_running come from it); healthy: status's verdict.
Status print_status_prometheus(std::ostream& out, store::Connection& db, std::int64_t now_ms,
                               const std::optional<store::Heartbeat>& daemon, bool healthy);

}  // namespace payq::cli
