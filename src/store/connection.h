// store/connection.h — one connection to the payq database, whichever store keeps it: hands out the per-concern
// interfaces on it (each owns its transactions) and the few whole-database operations. One thread per connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "payq/status.h"
#include "store/batch_progress.h"
#include "store/call_log.h"
#include "store/health_queries.h"
#include "store/heartbeat_store.h"
#include "store/intent_reader.h"
#include "store/intent_writer.h"
#include "store/metrics_queries.h"
#include "store/operator_actions.h"
#include "store/pause_store.h"
#include "store/poll_store.h"
#include "store/queue_stats.h"
#include "store/queue_store.h"
#include "store/report_queries.h"
#include "store/settle_history.h"

namespace payq::store {

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call, in order
  int version = 0;                   // schema version after the call
};

// The concern interfaces live as long as the connection and are made on first use (a store may prepare its
// statements then). A read-only connection hands out the writing ones too; their writes fail.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual QueueStore& queue() = 0;
  virtual PollStore& polls() = 0;
  virtual CallLog& call_log() = 0;
  virtual HeartbeatStore& heartbeat() = 0;
  virtual PauseStore& pause() = 0;
  virtual SettleHistory& settle_history() = 0;
  virtual IntentWriter& intent_writer() = 0;
  virtual IntentReader& intent_reader() = 0;
  virtual OperatorActions& operator_actions() = 0;
  virtual HealthQueries& health() = 0;
  virtual MetricsQueries& metrics() = 0;
  virtual ReportQueries& reports() = 0;
  virtual BatchProgress& batch_progress() = 0;
  virtual QueueStats& queue_stats() = 0;

  // Applies the migrations this binary knows and the database lacks (refusing a changed or unknown one).
  virtual Result<MigrationReport> migrate() = 0;

  // Records a daemon start (pid, host, when) and returns its epoch, greater than every earlier one: it fences the
  // start's claims (store/queue_store.h).
  virtual Result<std::int64_t> begin_epoch(std::int64_t pid, const std::string& host, std::int64_t now_ms) = 0;

  // Readies the connection for one long write transaction (payq import), keeping memory bounded.
  virtual Status prepare_for_bulk_load() = 0;

  // True when this read-only connection sees a fixed snapshot: commits made after it opened stay invisible, so a
  // caller that waits for changes reopens it.
  virtual bool is_snapshot() const = 0;
};

}  // namespace payq::store
