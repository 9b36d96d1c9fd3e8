// store/postgres/pg_store.h — store::Connection on one PostgreSQL session: the concern objects are made on first
// use (each prepares its statements then). One thread.
#pragma once

#include <memory>

#include "store/connection.h"
#include "store/postgres/pg_connection.h"

namespace payq::store::postgres {

class PgStore final : public Connection {
 public:
  explicit PgStore(std::unique_ptr<PgConnection> connection);
  ~PgStore() override;

  QueueStore& queue() override;
  PollStore& polls() override;
  CallLog& call_log() override;
  HeartbeatStore& heartbeat() override;
  PauseStore& pause() override;
  SettleHistory& settle_history() override;
  IntentWriter& intent_writer() override;
  IntentReader& intent_reader() override;
  OperatorActions& operator_actions() override;
  HealthQueries& health() override;
  MetricsQueries& metrics() override;
  ReportQueries& reports() override;
  BatchProgress& batch_progress() override;
  QueueStats& queue_stats() override;

  Result<MigrationReport> migrate() override;
  Result<std::int64_t> begin_epoch(std::int64_t pid, const std::string& host, std::int64_t now_ms) override;
  // Nothing to ready: PostgreSQL's inserts need no bigger cache to stay flat.
  Status prepare_for_bulk_load() override { return Status::ok(); }
  // A PostgreSQL session always sees the latest commits.
  bool is_snapshot() const override { return false; }

  PgConnection& connection() { return *connection_; }

 private:
  struct Concerns;  // the concern objects, declared in the .cpp

  std::unique_ptr<PgConnection> connection_;
  std::unique_ptr<Concerns> concerns_;  // destroyed first: they refer to the session
};

}  // namespace payq::store::postgres
