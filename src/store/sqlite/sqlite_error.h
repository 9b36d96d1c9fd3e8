// store/sqlite/sqlite_error.h — the one translation of SQLiteCpp exceptions into Status, keeping the SQLite
// code in the message. Everything in store/ catches at its boundary and returns through here.
#pragma once

#include <string_view>

#include <SQLiteCpp/Exception.h>

#include "payq/status.h"

namespace payq::store {

// "<context>: <sqlite message> (SQLITE_BUSY)"; busy/locked -> kBusy, constraint -> kInvalidArgument,
// everything else -> kDatabase.
Status to_status(const SQLite::Exception& e, std::string_view context);

// Same for a non-SQLite exception escaping SQLiteCpp or the standard library.
Status to_status(const std::exception& e, std::string_view context);

}  // namespace payq::store
