// store/postgres/pg_error.h — the one translation of libpqxx exceptions into Status, keeping the SQLSTATE in the
// message ("(SQLSTATE 23514)"). Everything in store/postgres catches at its boundary and returns through here.
#pragma once

#include <exception>
#include <string_view>

#include "payq/status.h"

namespace payq::store::postgres {

// The code a SQLSTATE means for payq: lock and serialization waits (40001, 40P01, 55P03, 57014) -> kBusy, class 23
// (integrity: CHECK, UNIQUE, NOT NULL, the schema's triggers) -> kInvalidArgument, everything else -> kDatabase.
StatusCode code_for_sqlstate(std::string_view sqlstate);

// "<context>: <server message> (SQLSTATE 23514)" for pqxx::sql_error; a lost connection, a commit whose outcome
// is unknown and any other exception say so. Never holds a password: libpq's messages carry none, and callers
// pass only masked URLs (pg_url.h) as context.
Status to_status(const std::exception& e, std::string_view context);

// A connection that could not be opened (libpq says why only in words; there is no SQLSTATE before a session
// exists): a URL libpq cannot parse -> kConfig; everything else -> kDatabase, named: authentication refused, a
// missing database, or the server unreachable (refused, unresolvable host, timeout, no socket). Like an SQLite file
// that cannot be opened: exit 4 for a command, waited out by the daemon. `display_url` is the masked URL the
// message names; `libpq_message` must already be free of passwords (pg_url.h without_passwords).
Status connect_failure_status(std::string_view libpq_message, std::string_view display_url);

}  // namespace payq::store::postgres
