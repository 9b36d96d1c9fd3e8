// store/postgres/pg_connection.h — one libpqxx session opened from a database URL and set up the same way every
// time: application_name payq, lock_timeout (PostgreSQL's busy timeout), no statement_timeout. One per thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <pqxx/connection>

#include "payq/status.h"

namespace payq::store::postgres {

struct PgConnectionOptions {
  std::string url;                                        // postgresql://… or postgres://… (pg_url.h)
  std::optional<std::filesystem::path> password_file{};  // a 0600 file holding the password, when not in the URL
  // How long a statement waits for a row or table lock (or the migration lock) before it fails with kBusy: the
  // counterpart of SQLite's busy_timeout, with the same default.
  std::chrono::milliseconds lock_timeout{5000};
  // How long connecting may take before the server counts as unreachable (libpq's connect_timeout, when the URL
  // does not set one).
  std::chrono::seconds connect_timeout{10};
};

class PgConnection {
 public:
  // Connects and sets the session up. kDatabase when the server cannot be reached or refuses (authentication
  // failed, no such database), kConfig for a bad URL or password file; messages name the masked
  // URL, never a password.
  static Result<std::unique_ptr<PgConnection>> open(const PgConnectionOptions& options);

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // The session, for code inside store/postgres only. Its calls throw pqxx exceptions: convert with pg_error.h.
  pqxx::connection& session() { return *session_; }

  // The URL with passwords masked, for messages.
  const std::string& display_url() const { return display_url_; }

 private:
  PgConnection(std::unique_ptr<pqxx::connection> session, std::string display_url);

  std::unique_ptr<pqxx::connection> session_;
  std::string display_url_;
};

}  // namespace payq::store::postgres
