// store/postgres/pg_url.h — the PostgreSQL database URL: whether a database setting is one, its form for logs and
// check-config (passwords masked), and the conninfo handed to libpq (which parses URIs itself). Pure but for
// reading a password file; knows nothing about connections.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::store::postgres {

// True for postgresql://… and postgres://… (libpq's two URI schemes); anything else is an SQLite path.
bool is_postgres_url(std::string_view database);

// The URL with any password replaced by *** — the one in user:password@ and a password= query parameter — for
// logs, error messages and check-config. Never fails: text that is not a URL comes back with the same masking.
std::string display_url(std::string_view url);

// What connecting needs. `conninfo` may hold a password: hand it to libpq only, never log it; log `display`.
struct PgConnectTarget {
  std::string conninfo;
  std::string display;
};

// The conninfo for `url`: the URL itself, plus the password read from `password_file` when given (a URL that holds
// a password as well is refused: one source of truth). kConfig when the URL is not a PostgreSQL URL or the password
// file is unusable (see read_password_file).
Result<PgConnectTarget> connect_target(std::string_view url, const std::optional<std::filesystem::path>& password_file);

// The password in `path`: its text without the final newline. Refused like ssh refuses a key, with kConfig, when the
// file is readable or writable by group or others, missing, unreadable, empty, or more than one line.
Result<std::string> read_password_file(const std::filesystem::path& path);

// `text` (a libpq message about `url`) with every password that `url` holds replaced by ***: libpq quotes parts of
// a URL it cannot parse, and a password may be among them.
std::string without_passwords(std::string_view text, std::string_view url);

// `url` with `key=value` added as a query parameter (value percent-encoded), for libpq's URI parser.
std::string with_query_parameter(std::string_view url, std::string_view key, std::string_view value);

// Whether `url` already has the query parameter `key`.
bool has_query_parameter(std::string_view url, std::string_view key);

}  // namespace payq::store::postgres
