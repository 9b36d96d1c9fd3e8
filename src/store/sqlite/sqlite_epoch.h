// store/sqlite/sqlite_epoch.h — daemon epochs: every `payq run` start takes the next number, which fences its claims
// (store/queue_store.h). One call at start, on the daemon's main connection, after the instance lock is held.
#pragma once

#include <cstdint>
#include <string>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

// Records this start (pid, host, when) and returns its epoch: greater than every earlier one on this database.
Result<std::int64_t> begin_epoch(SQLite::Database& db, std::int64_t pid, const std::string& host,
                                 std::int64_t now_ms);

}  // namespace payq::store
