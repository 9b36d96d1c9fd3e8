// store/postgres/pg_error.cpp — maps SQLSTATEs and libpqxx exception types to payq status codes, once. The class
// (first two characters) decides, except for the few lock-wait codes; the SQLSTATE itself is kept for operators.
#include "store/postgres/pg_error.h"

#include <string>

#include <pqxx/except>

namespace payq::store::postgres {
namespace {

// The server's primary message, and its DETAIL when it has one, without the "ERROR:  " prefixes and CONTEXT lines
// (a trigger's message is the line operators need; the PL/pgSQL call stack is not). A CHECK's "Failing row
// contains (…)" DETAIL is dropped: it repeats every column of the row, a whole intent in one log line.
std::string server_message(std::string_view what) {
  std::string primary;
  std::string detail;
  while (!what.empty()) {
    const auto end = what.find('\n');
    std::string_view line = what.substr(0, end);
    what = end == std::string_view::npos ? std::string_view{} : what.substr(end + 1);
    for (std::string_view prefix : {"ERROR:  ", "FATAL:  ", "PANIC:  "}) {
      if (line.starts_with(prefix)) line.remove_prefix(prefix.size());
    }
    if (line.starts_with("DETAIL:  ")) {
      if (!line.starts_with("DETAIL:  Failing row contains")) detail = line.substr(9);
    } else if (primary.empty()) {
      primary = line;
    }
  }
  return detail.empty() ? primary : primary + " (" + detail + ")";
}

bool connection_lost_class(std::string_view sqlstate) {
  // 08: connection exception; 57P01..57P03: the server is shutting down or not yet accepting sessions.
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

// A few words before the server's message where the code alone would not tell an operator what happened.
std::string_view what_happened(std::string_view sqlstate) {
  if (sqlstate.starts_with("28")) return "authentication failed: ";
  if (connection_lost_class(sqlstate)) return "connection to the PostgreSQL server was lost: ";
  if (sqlstate.starts_with("53")) return "the PostgreSQL server is out of resources: ";
  if (sqlstate.starts_with("58")) return "the PostgreSQL server failed at the system level: ";
  if (sqlstate == "57014") return "canceled (lock_timeout or statement_timeout): ";
  return {};
}

}  // namespace

StatusCode code_for_sqlstate(std::string_view sqlstate) {
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014") {
    return StatusCode::kBusy;  // serialization failure, deadlock, lock_timeout, statement timeout: try again
  }
  if (sqlstate.starts_with("23")) return StatusCode::kInvalidArgument;
  return StatusCode::kDatabase;
}

Status to_status(const std::exception& e, std::string_view context) {
  const std::string prefix = std::string(context) + ": ";
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& sqlstate = sql->sqlstate();
    std::string message = prefix + std::string(what_happened(sqlstate)) + server_message(sql->what());
    if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
    return {code_for_sqlstate(sqlstate), message};
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return {StatusCode::kDatabase, prefix + "the connection was lost during commit; whether it committed is unknown: " +
                                       server_message(e.what())};
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return {StatusCode::kDatabase,
            prefix + "connection to the PostgreSQL server was lost: " + server_message(e.what())};
  }
  return {StatusCode::kDatabase, prefix + server_message(e.what())};
}

Status connect_failure_status(std::string_view libpq_message, std::string_view display_url) {
  const std::string reason = server_message(libpq_message);
  const std::string where = "PostgreSQL at " + std::string(display_url);
  const auto says = [&](std::string_view words) { return reason.find(words) != std::string::npos; };
  if (says("URI") || (says("invalid") && (says("connection option") || says("percent-encoded")))) {
    return {StatusCode::kConfig, "database URL " + std::string(display_url) + ": " + reason};
  }
  if (says("authentication failed") || says("no password supplied") || says("pg_hba.conf") ||
      (says("password") && says("required"))) {
    return {StatusCode::kDatabase, where + ": authentication failed: " + reason};
  }
  if (says("database \"") && says("does not exist")) {
    return {StatusCode::kDatabase, where + ": the database does not exist: " + reason};
  }
  if (says("role \"") && says("does not exist")) {
    return {StatusCode::kDatabase, where + ": authentication failed: " + reason};
  }
  return {StatusCode::kDatabase, where + ": server unreachable: " + reason};
}

}  // namespace payq::store::postgres
