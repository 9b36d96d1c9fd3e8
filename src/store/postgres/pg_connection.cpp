// store/postgres/pg_connection.cpp — builds the conninfo (password file, application name, connect timeout), tells
// a refused connection from an unreachable server, and applies the session settings before anyone uses it.
#include "store/postgres/pg_connection.h"

#include <string>
#include <utility>

#include <pqxx/nontransaction>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_url.h"

namespace payq::store::postgres {
namespace {

// libpq parameters payq adds unless the URL sets them: an operator's ?application_name=payq-eu wins over the
// fallback, and a URL's connect_timeout over ours.
std::string with_payq_defaults(std::string conninfo, const PgConnectionOptions& options) {
  conninfo = with_query_parameter(conninfo, "fallback_application_name", "payq");
  if (!has_query_parameter(conninfo, "connect_timeout")) {
    conninfo = with_query_parameter(conninfo, "connect_timeout", std::to_string(options.connect_timeout.count()));
  }
  return conninfo;
}

// Session settings, before any transaction. client_min_messages: NOTICEs (CREATE … IF NOT EXISTS "skipping") would
// otherwise be printed to stderr by libpqxx's default notice handler.
void apply_session_settings(pqxx::connection& session, const PgConnectionOptions& options) {
  pqxx::nontransaction setup(session);
  setup.exec("SET lock_timeout = " + std::to_string(options.lock_timeout.count()));
  setup.exec("SET statement_timeout = 0");
  setup.exec("SET client_min_messages = warning");
}

}  // namespace

PgConnection::PgConnection(std::unique_ptr<pqxx::connection> session, std::string display_url)
    : session_(std::move(session)), display_url_(std::move(display_url)) {}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const PgConnectionOptions& options) {
  auto target = connect_target(options.url, options.password_file);
  if (!target) return target.status();
  const std::string conninfo = with_payq_defaults(target->conninfo, options);
  std::unique_ptr<pqxx::connection> session;
  try {
    session = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    return connect_failure_status(without_passwords(e.what(), conninfo), target->display);
  }
  try {
    apply_session_settings(*session, options);
  } catch (const std::exception& e) {
    return to_status(e, "set up the session with PostgreSQL at " + target->display);
  }
  return std::unique_ptr<PgConnection>(new PgConnection(std::move(session), std::move(target->display)));
}

}  // namespace payq::store::postgres
