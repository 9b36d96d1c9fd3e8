// store/open_store.cpp — the location decides the store: a postgresql:// or postgres:// URL opens a PostgreSQL
// session, anything else an SQLite file (created when missing, unless told otherwise).
#include "store/open_store.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_intent_arrivals.h"
#include "store/postgres/pg_leader_lock.h"
#include "store/postgres/pg_migrator.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/pg_url.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_leader_lock.h"

namespace payq::store {
namespace {

Result<std::unique_ptr<postgres::PgConnection>> open_session(const OpenOptions& options) {
  std::optional<std::filesystem::path> password_file;
  if (options.password_file) password_file = *options.password_file;
  return postgres::PgConnection::open(
      {.url = options.location, .password_file = password_file, .lock_timeout = options.busy_timeout});
}

// A database URL: a session, migrated when asked (PostgreSQL creates no database on connect: create_if_missing
// has nothing to do).
Result<std::unique_ptr<Connection>> open_postgres(const OpenOptions& options) {
  auto session = open_session(options);
  if (!session) return session.status();
  auto store = std::make_unique<postgres::PgStore>(std::move(session).value());
  if (options.migrate) {
    auto migrated = store->migrate();
    if (!migrated) {
      return Status{migrated.status().code(),
                    "open database " + display_location(options.location) + ": " + migrated.status().message()};
    }
  }
  return std::unique_ptr<Connection>(std::move(store));
}

// A session whose transactions cannot write, on a schema this binary knows.
Result<std::unique_ptr<Connection>> open_postgres_read_only(const OpenOptions& options) {
  auto session = open_session(options);
  if (!session) return session.status();
  const std::string context = "open database " + display_location(options.location);
  try {
    (*session)->session().set_variable("default_transaction_read_only", "on");
  } catch (const std::exception& e) {
    return postgres::to_status(e, context);
  }
  if (auto current = postgres::PgMigrator(**session).check(); !current) {
    return Status{current.status().code(), context + ": " + current.status().message()};
  }
  return std::unique_ptr<Connection>(std::make_unique<postgres::PgStore>(std::move(session).value()));
}

}  // namespace

bool is_database_url(std::string_view location) { return postgres::is_postgres_url(location); }

std::string display_location(std::string_view location) {
  return is_database_url(location) ? postgres::display_url(location) : std::string(location);
}

Result<std::unique_ptr<Connection>> open_store(const OpenOptions& options) {
  if (is_database_url(options.location)) return open_postgres(options);
  auto db = open_database(options);
  if (!db) return db.status();
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db).value()));
}

Result<std::unique_ptr<Connection>> open_store_read_only(const OpenOptions& options) {
  if (is_database_url(options.location)) return open_postgres_read_only(options);
  auto db = open_database_read_only({.location = options.location, .busy_timeout = options.busy_timeout});
  if (!db) return db.status();
  return std::unique_ptr<Connection>(std::make_unique<SqliteConnection>(std::move(db).value()));
}

Result<std::unique_ptr<LeaderLock>> open_leader_lock(const OpenOptions& options) {
  if (!is_database_url(options.location)) return std::unique_ptr<LeaderLock>(std::make_unique<SqliteLeaderLock>());
  auto session = open_session(options);
  if (!session) return session.status();
  return std::unique_ptr<LeaderLock>(std::make_unique<postgres::PgLeaderLock>(std::move(session).value()));
}

Result<std::unique_ptr<IntentArrivals>> open_intent_arrivals(const OpenOptions& options) {
  if (!is_database_url(options.location)) return std::unique_ptr<IntentArrivals>();
  auto session = open_session(options);
  if (!session) return session.status();
  auto arrivals = postgres::PgIntentArrivals::open(std::move(session).value());
  if (!arrivals) return arrivals.status();
  return std::unique_ptr<IntentArrivals>(std::move(arrivals).value());
}

}  // namespace payq::store
