// store/sqlite/sqlite_error.cpp — maps SQLite result codes to payq status codes, once.
// The primary code decides the class; the extended code is kept in the message for operators.
#include "store/sqlite/sqlite_error.h"

#include <string>

#include <sqlite3.h>

namespace payq::store {

Status to_status(const SQLite::Exception& e, std::string_view context) {
  const int primary = e.getErrorCode() & 0xff;
  std::string message = std::string(context) + ": " + e.what();
  if (primary != SQLITE_OK) message += std::string(" (") + sqlite3_errstr(e.getExtendedErrorCode()) + ")";
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StatusCode::kBusy, message};
    case SQLITE_CONSTRAINT:
      return {StatusCode::kInvalidArgument, message};
    case SQLITE_CANTOPEN:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    default:
      return {StatusCode::kDatabase, message};
  }
}

Status to_status(const std::exception& e, std::string_view context) {
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e)) return to_status(*sqlite, context);
  return {StatusCode::kDatabase, std::string(context) + ": " + e.what()};
}

}  // namespace payq::store
