// store/contract/store_under_test.h — a migrated payq store of either kind (an SQLite temp file, or a fresh schema on
// the PostgreSQL test server) opened through store::open_store, with raw SQL for setup and inspection; and
// STORE_CONTRACT, which registers one test body for both stores. Test support: one thread per connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "store/connection.h"

namespace payq::testing {

enum class StoreKind { kSqlite, kPostgres };
enum class Schema { kMigrated, kEmpty };  // kEmpty: the store is opened without migrating (a new database)

class StoreUnderTest {
 public:
  // REQUIREs that the store opens (and, unless kEmpty, migrates).
  explicit StoreUnderTest(StoreKind kind, Schema schema = Schema::kMigrated);
  ~StoreUnderTest();
  StoreUnderTest(const StoreUnderTest&) = delete;
  StoreUnderTest& operator=(const StoreUnderTest&) = delete;

  StoreKind kind() const { return kind_; }
  bool is_postgres() const { return kind_ == StoreKind::kPostgres; }

  // The connection under test.
  store::Connection& store() { return *store_; }
  // A second read-write connection to the same database, as another thread or process would open it.
  std::unique_ptr<store::Connection> open_another();
  // A connection of the read commands (store::open_store_read_only) to the same database, or why there is none.
  Result<std::unique_ptr<store::Connection>> try_open_read_only();
  std::unique_ptr<store::Connection> open_read_only();  // REQUIREs it opens

  // Raw SQL on a connection of the fixture's own, outside the store's code: setup and inspection only, written in
  // SQL both dialects accept. Each statement commits on its own.
  void exec(const std::string& sql);
  // Runs a statement the test expects the database to refuse: its error message, empty when it succeeded.
  std::string error_of(const std::string& sql);
  // The first column of the first row as text; "NULL" for NULL. REQUIREs a row.
  std::string text(const std::string& sql);
  // The first column of the first row, an integer. REQUIREs a non-NULL value.
  std::int64_t number(const std::string& sql);

  // An intent enqueued through the store's IntentWriter at `created_at_ms` (due then); REQUIREs it is inserted.
  std::int64_t enqueue(const std::string& reference_id, std::int64_t created_at_ms, const std::string& amount = "1.00",
                       const std::string& currency = "USD", const std::optional<std::string>& batch = std::nullopt);
  // The intent's local state, read by raw SQL.
  std::string state(const std::string& reference_id);

  class RawSql;  // one per kind, in the .cpp

 private:
  StoreKind kind_;
  struct Location;  // the temp file or the test schema, and its location string
  std::unique_ptr<Location> location_;
  std::unique_ptr<store::Connection> store_;
  std::unique_ptr<RawSql> raw_;
};

}  // namespace payq::testing

// STORE_CONTRACT("title") { ... } registers the body twice: in suite store.contract on SQLite (ctest unit) and in
// suite postgres.contract on PostgreSQL (ctest unit_postgres). The body sees `s`, the StoreUnderTest. The two names
// differ by a prefix because doctest tells test cases apart by file, line and name only.
#define STORE_CONTRACT_IMPL_(title, body)                                                   \
  static void body(::payq::testing::StoreUnderTest& s);                                     \
  TEST_CASE("sqlite: " title * doctest::test_suite("store.contract")) {                     \
    ::payq::testing::StoreUnderTest s(::payq::testing::StoreKind::kSqlite);                 \
    body(s);                                                                                \
  }                                                                                         \
  TEST_CASE("postgres: " title * doctest::test_suite("postgres.contract")) {                \
    ::payq::testing::StoreUnderTest s(::payq::testing::StoreKind::kPostgres);               \
    body(s);                                                                                \
  }                                                                                         \
  static void body([[maybe_unused]] ::payq::testing::StoreUnderTest& s)
#define STORE_CONTRACT(title) STORE_CONTRACT_IMPL_(title, DOCTEST_ANONYMOUS(store_contract_body_))
