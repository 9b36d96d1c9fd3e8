// store/postgres/pg_test_schema.h — a fresh, empty schema for one test case on the server PAYQ_TEST_POSTGRES_URL
// names (ctest's unit_postgres starts one), reached through URLs whose search_path is that schema; dropped after.
// Fails the test case, with a message saying how to run it, when the variable is unset.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "payq/status.h"
#include "store/postgres/pg_connection.h"

namespace payq::testing {

class PgTestSchema {
 public:
  PgTestSchema();
  ~PgTestSchema();
  PgTestSchema(const PgTestSchema&) = delete;
  PgTestSchema& operator=(const PgTestSchema&) = delete;

  // The server URL as given, and the same URL with this schema as the search_path.
  const std::string& server_url() const { return server_url_; }
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

  // A new session in this schema; REQUIREs that it opens.
  std::unique_ptr<store::postgres::PgConnection> connect(
      std::chrono::milliseconds lock_timeout = std::chrono::seconds(30)) const;

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

}  // namespace payq::testing
