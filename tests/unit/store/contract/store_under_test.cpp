// store/contract/store_under_test.cpp — opens the store under test by location (a temp file path, or a PgTestSchema
// URL) exactly as payq does, and a raw connection of each kind for the fixture's SQL: SQLiteCpp or PgConnection.
#include "store/contract/store_under_test.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <pqxx/nontransaction>

#include "payq/intent.h"
#include "store/open_store.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_test_schema.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace payq::testing {

// The database's location, and what keeps it alive: a temp directory, or a schema dropped afterwards.
struct StoreUnderTest::Location {
  std::optional<TempDir> dir;
  std::optional<PgTestSchema> schema;
  std::string location;
};

// The fixture's own SQL session.
class StoreUnderTest::RawSql {
 public:
  virtual ~RawSql() = default;
  virtual void exec(const std::string& sql) = 0;
  // The first column of the first row; nullopt for NULL. REQUIREs a row.
  virtual std::optional<std::string> first(const std::string& sql) = 0;
};

namespace {

class SqliteRawSql final : public StoreUnderTest::RawSql {
 public:
  explicit SqliteRawSql(const std::string& path) {
    auto db = store::open_database({.location = path, .migrate = false});
    REQUIRE_MESSAGE(db.is_ok(), db.status().to_string());
    db_ = std::move(db).value();
  }
  void exec(const std::string& sql) override { db_->exec(sql); }
  std::optional<std::string> first(const std::string& sql) override {
    SQLite::Statement q(*db_, sql);
    REQUIRE_MESSAGE(q.executeStep(), "no row: " << sql);
    if (q.getColumn(0).isNull()) return std::nullopt;
    return q.getColumn(0).getString();
  }

 private:
  std::unique_ptr<SQLite::Database> db_;
};

class PgRawSql final : public StoreUnderTest::RawSql {
 public:
  explicit PgRawSql(const PgTestSchema& schema) : connection_(schema.connect()) {}
  void exec(const std::string& sql) override {
    pqxx::nontransaction tx(connection_->session());
    tx.exec(sql);
  }
  std::optional<std::string> first(const std::string& sql) override {
    pqxx::nontransaction tx(connection_->session());
    const pqxx::result rows = tx.exec(sql);
    REQUIRE_MESSAGE(!rows.empty(), "no row: " << sql);
    if (rows[0][0].is_null()) return std::nullopt;
    return rows[0][0].as<std::string>();
  }

 private:
  std::unique_ptr<store::postgres::PgConnection> connection_;
};

std::unique_ptr<store::Connection> opened(Result<std::unique_ptr<store::Connection>> connection) {
  REQUIRE_MESSAGE(connection.is_ok(), connection.status().to_string());
  return std::move(connection).value();
}

}  // namespace

StoreUnderTest::StoreUnderTest(StoreKind kind, Schema schema) : kind_(kind), location_(std::make_unique<Location>()) {
  if (kind_ == StoreKind::kSqlite) {
    location_->dir.emplace();
    location_->location = location_->dir->file("contract.db");
  } else {
    location_->schema.emplace();
    location_->location = location_->schema->url();
  }
  store_ = opened(store::open_store({.location = location_->location, .migrate = schema == Schema::kMigrated}));
  if (kind_ == StoreKind::kSqlite) {
    raw_ = std::make_unique<SqliteRawSql>(location_->location);
  } else {
    raw_ = std::make_unique<PgRawSql>(*location_->schema);
  }
}

StoreUnderTest::~StoreUnderTest() {
  // Connections go before the database they are on (the PostgreSQL schema is dropped with the Location).
  raw_.reset();
  store_.reset();
}

std::unique_ptr<store::Connection> StoreUnderTest::open_another() {
  return opened(store::open_store({.location = location_->location}));
}

Result<std::unique_ptr<store::Connection>> StoreUnderTest::try_open_read_only() {
  return store::open_store_read_only({.location = location_->location});
}

std::unique_ptr<store::Connection> StoreUnderTest::open_read_only() { return opened(try_open_read_only()); }

void StoreUnderTest::exec(const std::string& sql) {
  try {
    raw_->exec(sql);
  } catch (const std::exception& e) {
    FAIL("raw SQL failed: " << e.what() << "\n  " << sql);
  }
}

std::string StoreUnderTest::error_of(const std::string& sql) {
  try {
    raw_->exec(sql);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string StoreUnderTest::text(const std::string& sql) {
  try {
    return raw_->first(sql).value_or("NULL");
  } catch (const std::exception& e) {
    FAIL("raw SQL failed: " << e.what() << "\n  " << sql);
  }
  return {};
}

std::int64_t StoreUnderTest::number(const std::string& sql) {
  std::optional<std::string> value;
  try {
    value = raw_->first(sql);
  } catch (const std::exception& e) {
    FAIL("raw SQL failed: " << e.what() << "\n  " << sql);
  }
  REQUIRE_MESSAGE(value.has_value(), "NULL: " << sql);
  return std::stoll(*value);
}

std::int64_t StoreUnderTest::enqueue(const std::string& reference_id, std::int64_t created_at_ms,
                                     const std::string& amount, const std::string& currency,
                                     const std::optional<std::string>& batch) {
  auto intent = validate_intent({reference_id, amount, currency, "https://shop.example/back", batch});
  REQUIRE_MESSAGE(intent.is_ok(), intent.status().to_string());
  auto inserted = store_->intent_writer().insert(*intent, created_at_ms);
  REQUIRE_MESSAGE(inserted.is_ok(), inserted.status().to_string());
  REQUIRE(*inserted == EnqueueOutcome::kInserted);
  return number("SELECT id FROM payment_intents WHERE reference_id = '" + reference_id + "'");
}

std::string StoreUnderTest::state(const std::string& reference_id) {
  return text("SELECT state FROM payment_intents WHERE reference_id = '" + reference_id + "'");
}

}  // namespace payq::testing
