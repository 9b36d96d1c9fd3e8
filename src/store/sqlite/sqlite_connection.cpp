// store/sqlite/sqlite_connection.cpp — makes each SQLite concern object on first use, so a connection that only
// reads a report never prepares the claim statements.
#include "store/sqlite/sqlite_connection.h"

#include "store/made_on_first_use.h"
#include "store/sqlite/sqlite_batch_progress.h"
#include "store/sqlite/sqlite_call_log.h"
#include "store/sqlite/sqlite_epoch.h"
#include "store/sqlite/sqlite_health_queries.h"
#include "store/sqlite/sqlite_heartbeat_store.h"
#include "store/sqlite/sqlite_intent_reader.h"
#include "store/sqlite/sqlite_intent_writer.h"
#include "store/sqlite/sqlite_metrics_queries.h"
#include "store/sqlite/sqlite_migrator.h"
#include "store/sqlite/sqlite_operator_actions.h"
#include "store/sqlite/sqlite_pause_store.h"
#include "store/sqlite/sqlite_poll_store.h"
#include "store/sqlite/sqlite_queue_stats.h"
#include "store/sqlite/sqlite_queue_store.h"
#include "store/sqlite/sqlite_report_queries.h"
#include "store/sqlite/sqlite_settle_history.h"

namespace payq::store {
struct SqliteConnection::Concerns {
  std::unique_ptr<SqliteQueueStore> queue;
  std::unique_ptr<SqlitePollStore> polls;
  std::unique_ptr<SqliteCallLog> call_log;
  std::unique_ptr<SqliteHeartbeatStore> heartbeat;
  std::unique_ptr<SqlitePauseStore> pause;
  std::unique_ptr<SqliteSettleHistory> settle_history;
  std::unique_ptr<SqliteIntentWriter> intent_writer;
  std::unique_ptr<SqliteIntentReader> intent_reader;
  std::unique_ptr<SqliteOperatorActions> operator_actions;
  std::unique_ptr<SqliteHealthQueries> health;
  std::unique_ptr<SqliteMetricsQueries> metrics;
  std::unique_ptr<SqliteReportQueries> reports;
  std::unique_ptr<SqliteBatchProgress> batch_progress;
  std::unique_ptr<SqliteQueueStats> queue_stats;
};

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> db)
    : owned_(std::move(db)), db_(owned_.get()), concerns_(std::make_unique<Concerns>()) {}

SqliteConnection::SqliteConnection(ReadOnlyDatabase db)
    : read_only_(std::move(db)), db_(&**read_only_), concerns_(std::make_unique<Concerns>()) {}

SqliteConnection::~SqliteConnection() { concerns_.reset(); }

QueueStore& SqliteConnection::queue() { return made_on_first_use(concerns_->queue, *db_); }
PollStore& SqliteConnection::polls() { return made_on_first_use(concerns_->polls, *db_); }
CallLog& SqliteConnection::call_log() { return made_on_first_use(concerns_->call_log, *db_); }
HeartbeatStore& SqliteConnection::heartbeat() { return made_on_first_use(concerns_->heartbeat, *db_); }
PauseStore& SqliteConnection::pause() { return made_on_first_use(concerns_->pause, *db_); }
SettleHistory& SqliteConnection::settle_history() { return made_on_first_use(concerns_->settle_history, *db_); }
IntentWriter& SqliteConnection::intent_writer() { return made_on_first_use(concerns_->intent_writer, *db_); }
IntentReader& SqliteConnection::intent_reader() { return made_on_first_use(concerns_->intent_reader, *db_); }
OperatorActions& SqliteConnection::operator_actions() { return made_on_first_use(concerns_->operator_actions, *db_); }
HealthQueries& SqliteConnection::health() { return made_on_first_use(concerns_->health, *db_); }
MetricsQueries& SqliteConnection::metrics() { return made_on_first_use(concerns_->metrics, *db_); }
ReportQueries& SqliteConnection::reports() { return made_on_first_use(concerns_->reports, *db_); }
BatchProgress& SqliteConnection::batch_progress() { return made_on_first_use(concerns_->batch_progress, *db_); }
QueueStats& SqliteConnection::queue_stats() { return made_on_first_use(concerns_->queue_stats, *db_); }

Result<MigrationReport> SqliteConnection::migrate() { return Migrator(*db_).migrate(); }

Result<std::int64_t> SqliteConnection::begin_epoch(std::int64_t pid, const std::string& host, std::int64_t now_ms) {
  return store::begin_epoch(*db_, pid, host, now_ms);
}

Status SqliteConnection::prepare_for_bulk_load() { return tune_for_bulk_load(*db_); }

bool SqliteConnection::is_snapshot() const { return read_only_ && read_only_->is_snapshot(); }

}  // namespace payq::store
