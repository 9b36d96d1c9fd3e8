// store/postgres/pg_url.cpp — finds the password spans of a libpq URI (user:password@ and password=), masks them
// for display, and adds query parameters; reads a password file the way ssh reads a key: only if nobody else can.
#include "store/postgres/pg_url.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace payq::store::postgres {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

// Where the authority (after the scheme) starts, or npos when `url` has no PostgreSQL scheme.
std::size_t authority_start(std::string_view url) {
  for (std::string_view scheme : kSchemes) {
    if (url.starts_with(scheme)) return scheme.size();
  }
  return std::string_view::npos;
}

// [begin, end) spans of every password in `url`, in order, erring towards masking too much. The userinfo ends at the
// last '@' anywhere (libpq stops at the first '@' or '/', but a password holding a raw '/', '?' or '@' must still be
// masked whole); the query starts at the first '?' after it. A password= value runs to the next '&' that starts a
// key=value pair, so a raw '&' in it does not leave its tail in view.
std::vector<std::pair<std::size_t, std::size_t>> password_spans(std::string_view url) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = authority_start(url);
  if (start == std::string_view::npos) start = 0;
  std::size_t query_from = start;
  const std::size_t at = url.rfind('@');
  if (at != std::string_view::npos && at >= start) {
    const std::size_t colon = url.find(':', start);
    if (colon < at) {
      spans.emplace_back(colon + 1, at);
      query_from = at + 1;
    }
  }
  const auto pair_end = [&](std::size_t from) { return std::min(url.find('&', from), url.size()); };
  std::size_t param = url.find('?', query_from);
  while (param != std::string_view::npos && param < url.size()) {
    ++param;
    std::size_t end = pair_end(param);
    if (url.substr(param, end - param).starts_with("password=")) {
      while (end < url.size() && url.substr(end + 1, pair_end(end + 1) - end - 1).find('=') == std::string_view::npos) {
        end = pair_end(end + 1);
      }
      spans.emplace_back(param + 9, end);
    }
    param = end < url.size() ? end : std::string_view::npos;
  }
  return spans;
}

std::string percent_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

std::string octal_mode(std::filesystem::perms perms) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(perms & std::filesystem::perms::mask));
  return text;
}

}  // namespace

bool is_postgres_url(std::string_view database) { return authority_start(database) != std::string_view::npos; }

std::string display_url(std::string_view url) {
  std::string out;
  std::size_t copied = 0;
  for (const auto& [begin, end] : password_spans(url)) {
    out.append(url.substr(copied, begin - copied));
    out += "***";
    copied = end;
  }
  out.append(url.substr(copied));
  return out;
}

std::string without_passwords(std::string_view text, std::string_view url) {
  std::string out(text);
  for (const auto& [begin, end] : password_spans(url)) {
    const std::string_view password = url.substr(begin, end - begin);
    if (password.empty()) continue;
    for (auto at = out.find(password); at != std::string::npos; at = out.find(password, at + 3)) {
      out.replace(at, password.size(), "***");
    }
  }
  return out;
}

bool has_query_parameter(std::string_view url, std::string_view key) {
  std::size_t param = url.find('?');
  while (param != std::string_view::npos) {
    ++param;
    const std::size_t end = std::min(url.find('&', param), url.size());
    const std::string_view pair = url.substr(param, end - param);
    if (pair.starts_with(key) && pair.size() > key.size() && pair[key.size()] == '=') return true;
    param = end < url.size() ? end : std::string_view::npos;
  }
  return false;
}

std::string with_query_parameter(std::string_view url, std::string_view key, std::string_view value) {
  std::string out(url);
  out += url.find('?') == std::string_view::npos ? '?' : '&';
  out.append(key);
  out += '=';
  out += percent_encode(value);
  return out;
}

Result<std::string> read_password_file(const std::filesystem::path& path) {
  const std::string name = "password_file " + path.string();
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::is_regular_file(status)) {
    return Status{StatusCode::kConfig, name + ": not a readable file" + (error ? ": " + error.message() : "")};
  }
  using std::filesystem::perms;
  if ((status.permissions() & (perms::group_all | perms::others_all)) != perms::none) {
    return Status{StatusCode::kConfig, name + ": permissions " + octal_mode(status.permissions()) +
                                           " are too open (group or others may read or write it); chmod 600 it"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status{StatusCode::kConfig, name + ": cannot be opened for reading"};
  std::ostringstream text;
  text << in.rdbuf();
  std::string password = std::move(text).str();
  if (password.ends_with('\n')) password.pop_back();
  if (password.ends_with('\r')) password.pop_back();
  if (password.empty()) return Status{StatusCode::kConfig, name + ": is empty"};
  if (password.find('\n') != std::string::npos) {
    return Status{StatusCode::kConfig, name + ": holds more than one line; want the password alone"};
  }
  return password;
}

Result<PgConnectTarget> connect_target(std::string_view url,
                                       const std::optional<std::filesystem::path>& password_file) {
  if (!is_postgres_url(url)) {
    return Status{StatusCode::kConfig, "not a PostgreSQL URL (want postgresql://…): " + display_url(url)};
  }
  PgConnectTarget target{std::string(url), display_url(url)};
  if (!password_file) return target;
  if (!password_spans(url).empty()) {
    return Status{StatusCode::kConfig, "database URL " + target.display +
                                           " holds a password and password_file is set too; keep one"};
  }
  auto password = read_password_file(*password_file);
  if (!password) return password.status();
  target.conninfo = with_query_parameter(url, "password", *password);
  return target;
}

}  // namespace payq::store::postgres
