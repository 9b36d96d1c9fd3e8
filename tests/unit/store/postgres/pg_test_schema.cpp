// store/postgres/pg_test_schema.cpp — creates payq_test_<random> as the owner role (which may create schemas in its
// database but not databases: pg_server.sh makes it NOCREATEDB, like a production owner), drops it with CASCADE.
#include "store/postgres/pg_test_schema.h"

#include <cstdlib>
#include <cstdio>
#include <random>

#include <doctest/doctest.h>
#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "store/postgres/pg_url.h"

namespace payq::testing {
namespace {

std::string random_schema_name() {
  std::random_device random;
  char name[32];
  std::snprintf(name, sizeof name, "payq_test_%08x%08x", random(), random());
  return name;
}

void exec_on_server(const std::string& url, const std::string& sql) {
  pqxx::connection session(url);
  pqxx::nontransaction tx(session);
  tx.exec("SET client_min_messages = warning");
  tx.exec(sql);
}

}  // namespace

PgTestSchema::PgTestSchema() {
  const char* url = std::getenv("PAYQ_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    FAIL("PAYQ_TEST_POSTGRES_URL is not set: the postgres.* test suites need a PostgreSQL server. Run them with "
         "`ctest -R unit_postgres` (tests/support/with_pg_server.sh starts a throwaway one), or set it to "
         "postgresql://OWNER@HOST:PORT/DB of a database whose owner may create schemas");
  }
  server_url_ = url;
  name_ = random_schema_name();
  url_ = store::postgres::with_query_parameter(server_url_, "options", "-csearch_path=" + name_);
  try {
    exec_on_server(server_url_, "CREATE SCHEMA " + name_);
  } catch (const std::exception& e) {
    FAIL("cannot create schema " << name_ << " at " << store::postgres::display_url(server_url_) << ": "
                                 << e.what());
  }
}

PgTestSchema::~PgTestSchema() {
  if (name_.empty()) return;
  try {
    exec_on_server(server_url_, "DROP SCHEMA " + name_ + " CASCADE");
  } catch (const std::exception&) {
    // The server is gone with the test run; nothing is left to clean.
  }
}

std::unique_ptr<store::postgres::PgConnection> PgTestSchema::connect(std::chrono::milliseconds lock_timeout) const {
  auto connection = store::postgres::PgConnection::open({.url = url_, .lock_timeout = lock_timeout});
  REQUIRE_MESSAGE(connection.is_ok(), connection.status().to_string());
  return std::move(connection).value();
}

}  // namespace payq::testing
