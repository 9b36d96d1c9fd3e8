// store/postgres/pg_call_log.cpp — api_calls rows on PostgreSQL. Each row commits without waiting for the disk:
// the call log is bookkeeping (a lost row in a power cut costs a figure, never money), as on SQLite it is written
// after the outcome it describes.
#include "store/postgres/pg_call_log.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

PgCallLog::PgCallLog(pqxx::connection& session) : session_(session) {
  session_.prepare("calls_append",
                   "INSERT INTO api_calls (intent_id, kind, started_at, latency_ms, http_status, transport_error,"
                   " outcome, ambiguous, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
}

Status PgCallLog::append(const CallRow& row) {
  try {
    pqxx::work transaction(session_);
    transaction.exec("SET LOCAL synchronous_commit = off");
    std::optional<std::int64_t> status;
    if (row.http_status) status = *row.http_status;
    transaction.exec_prepared("calls_append", row.intent_id, row.kind, row.started_at_ms, row.latency_ms, status,
                              row.transport_error, row.outcome, std::int64_t{row.ambiguous ? 1 : 0}, row.error);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record " + row.kind + " call");
  }
}

Result<int> PgCallLog::prune(std::int64_t cutoff_ms, int batch) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result done = transaction.exec_params(
        "DELETE FROM api_calls WHERE id IN (SELECT id FROM api_calls WHERE started_at < $1 ORDER BY id LIMIT $2)",
        cutoff_ms, batch);
    transaction.commit();
    return static_cast<int>(done.affected_rows());
  } catch (const std::exception& e) {
    return to_status(e, "prune api_calls");
  }
}

}  // namespace payq::store::postgres
