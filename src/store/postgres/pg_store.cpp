// store/postgres/pg_store.cpp — makes each PostgreSQL concern object on first use, so a connection that only reads
// a report never prepares the claim statements; records daemon epochs.
#include "store/postgres/pg_store.h"

#include <pqxx/pqxx>

#include "store/made_on_first_use.h"
#include "store/postgres/pg_batch_progress.h"
#include "store/postgres/pg_call_log.h"
#include "store/postgres/pg_error.h"
#include "store/postgres/pg_health_queries.h"
#include "store/postgres/pg_heartbeat_store.h"
#include "store/postgres/pg_intent_reader.h"
#include "store/postgres/pg_intent_writer.h"
#include "store/postgres/pg_metrics_queries.h"
#include "store/postgres/pg_migrator.h"
#include "store/postgres/pg_operator_actions.h"
#include "store/postgres/pg_pause_store.h"
#include "store/postgres/pg_poll_store.h"
#include "store/postgres/pg_queue_stats.h"
#include "store/postgres/pg_queue_store.h"
#include "store/postgres/pg_report_queries.h"
#include "store/postgres/pg_settle_history.h"

namespace payq::store::postgres {
struct PgStore::Concerns {
  std::unique_ptr<PgQueueStore> queue;
  std::unique_ptr<PgPollStore> polls;
  std::unique_ptr<PgCallLog> call_log;
  std::unique_ptr<PgHeartbeatStore> heartbeat;
  std::unique_ptr<PgPauseStore> pause;
  std::unique_ptr<PgSettleHistory> settle_history;
  std::unique_ptr<PgIntentWriter> intent_writer;
  std::unique_ptr<PgIntentReader> intent_reader;
  std::unique_ptr<PgOperatorActions> operator_actions;
  std::unique_ptr<PgHealthQueries> health;
  std::unique_ptr<PgMetricsQueries> metrics;
  std::unique_ptr<PgReportQueries> reports;
  std::unique_ptr<PgBatchProgress> batch_progress;
  std::unique_ptr<PgQueueStats> queue_stats;
};

PgStore::PgStore(std::unique_ptr<PgConnection> connection)
    : connection_(std::move(connection)), concerns_(std::make_unique<Concerns>()) {}

PgStore::~PgStore() { concerns_.reset(); }

QueueStore& PgStore::queue() { return made_on_first_use(concerns_->queue, connection_->session()); }
PollStore& PgStore::polls() { return made_on_first_use(concerns_->polls, connection_->session()); }
CallLog& PgStore::call_log() { return made_on_first_use(concerns_->call_log, connection_->session()); }
HeartbeatStore& PgStore::heartbeat() { return made_on_first_use(concerns_->heartbeat, connection_->session()); }
PauseStore& PgStore::pause() { return made_on_first_use(concerns_->pause, connection_->session()); }
SettleHistory& PgStore::settle_history() { return made_on_first_use(concerns_->settle_history, connection_->session()); }
IntentWriter& PgStore::intent_writer() { return made_on_first_use(concerns_->intent_writer, connection_->session()); }
IntentReader& PgStore::intent_reader() { return made_on_first_use(concerns_->intent_reader, connection_->session()); }
OperatorActions& PgStore::operator_actions() { return made_on_first_use(concerns_->operator_actions, connection_->session()); }
HealthQueries& PgStore::health() { return made_on_first_use(concerns_->health, connection_->session()); }
MetricsQueries& PgStore::metrics() { return made_on_first_use(concerns_->metrics, connection_->session()); }
ReportQueries& PgStore::reports() { return made_on_first_use(concerns_->reports, connection_->session()); }
BatchProgress& PgStore::batch_progress() { return made_on_first_use(concerns_->batch_progress, connection_->session()); }
QueueStats& PgStore::queue_stats() { return made_on_first_use(concerns_->queue_stats, connection_->session()); }

Result<MigrationReport> PgStore::migrate() { return PgMigrator(*connection_).migrate(); }

Result<std::int64_t> PgStore::begin_epoch(std::int64_t pid, const std::string& host, std::int64_t now_ms) {
  try {
    pqxx::work transaction(connection_->session());
    const pqxx::result rows = transaction.exec_params(
        "INSERT INTO daemon_epochs (pid, host, started_at) VALUES ($1, $2, $3) RETURNING epoch", pid, host, now_ms);
    transaction.commit();
    return rows[0][0].as<std::int64_t>();
  } catch (const std::exception& e) {
    return to_status(e, "begin a daemon epoch");
  }
}

}  // namespace payq::store::postgres
