// store/open_store.h — opens the payq database named by a location: a postgresql:// or postgres:// URL, or else
// an SQLite file path. The one place that picks the store; everything else holds a store::Connection.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "payq/status.h"
#include "store/connection.h"
#include "store/intent_arrivals.h"
#include "store/leader_lock.h"

namespace payq::store {

// True when `location` is a database URL (PostgreSQL) rather than an SQLite file path.
bool is_database_url(std::string_view location);

// The location as logs, messages and check-config show it: a URL with any password masked, a path as it is.
std::string display_location(std::string_view location);

struct OpenOptions {
  std::string location;                          // a database URL or an SQLite file path
  std::chrono::milliseconds busy_timeout{5000};  // how long a write waits for another writer's lock
  bool create_if_missing = true;                 // false: a missing database is kNotFound ("run payq migrate")
  bool migrate = true;                           // apply pending migrations (refusing changed or unknown ones)
  std::optional<std::string> password_file{};  // database URLs only: a 0600 file holding the password
  std::string vfs{};  // SQLite files only: a VFS name (tests open through a fault-injecting one); empty: default
};

// The connection, configured and (unless told otherwise) migrated. Errors name the location.
Result<std::unique_ptr<Connection>> open_store(const OpenOptions& options);

// The leader lock of the database at `options.location` (on a session of its own where the store needs one).
Result<std::unique_ptr<LeaderLock>> open_leader_lock(const OpenOptions& options);

// A session that hears of intents committed by any process, where the store can tell (PostgreSQL: LISTEN/NOTIFY);
// nullptr where it cannot (SQLite: the daemon keeps polling). Errors as for open_store.
Result<std::unique_ptr<IntentArrivals>> open_intent_arrivals(const OpenOptions& options);

// A connection for the read commands: never writes, never migrates, never waits for a writer. A schema older than
// this binary is kDatabase "… run payq migrate"; a missing database is kNotFound.
Result<std::unique_ptr<Connection>> open_store_read_only(const OpenOptions& options);

}  // namespace payq::store
