// store/sqlite/sqlite_connection.h — store::Connection over one SQLite connection (read-write, or read-only as
// store/sqlite/sqlite_database.h opens it); the concern objects are made on first use. One thread.
#pragma once

#include <memory>
#include <optional>

#include <SQLiteCpp/Database.h>

#include "store/connection.h"
#include "store/sqlite/sqlite_database.h"

namespace payq::store {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(std::unique_ptr<SQLite::Database> db);
  explicit SqliteConnection(ReadOnlyDatabase db);
  ~SqliteConnection() override;

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
  Status prepare_for_bulk_load() override;
  bool is_snapshot() const override;

  // The SQLite connection itself, for store code and the store's own tests.
  SQLite::Database& database() { return *db_; }

 private:
  struct Concerns;  // the concern objects, declared in the .cpp

  std::unique_ptr<SQLite::Database> owned_;    // a read-write connection
  std::optional<ReadOnlyDatabase> read_only_;  // or a read-only one
  SQLite::Database* db_ = nullptr;             // whichever of the two
  std::unique_ptr<Concerns> concerns_;         // destroyed first: their statements need the connection
};

}  // namespace payq::store
