// store/postgres/pg_url_test.cpp — PostgreSQL URLs are told from SQLite paths, shown with passwords masked, and
// given a password from a file only when nobody else can read it. No server needed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "store/postgres/pg_url.h"
#include "support/temp_dir.h"

using payq::StatusCode;
using payq::store::postgres::connect_target;
using payq::store::postgres::display_url;
using payq::store::postgres::is_postgres_url;
using payq::store::postgres::read_password_file;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::filesystem::path write_file(const payq::testing::TempDir& dir, const std::string& text,
                                 std::filesystem::perms perms) {
  const std::filesystem::path path = dir.file("password");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  std::filesystem::permissions(path, perms);
  return path;
}

constexpr auto kOwnerOnly = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;

}  // namespace

TEST_CASE("postgresql:// and postgres:// are PostgreSQL; everything else is an SQLite path") {
  CHECK(is_postgres_url("postgresql://payq@db/payq"));
  CHECK(is_postgres_url("postgres://payq@db/payq"));
  CHECK(is_postgres_url("postgresql:///payq?host=/run/postgresql"));
  CHECK_FALSE(is_postgres_url("/var/lib/payq/payq.db"));
  CHECK_FALSE(is_postgres_url("payq.db"));
  CHECK_FALSE(is_postgres_url("postgresql:payq"));
  CHECK_FALSE(is_postgres_url("POSTGRESQL://db/payq"));
  CHECK_FALSE(is_postgres_url("file:postgresql://x"));
  CHECK_FALSE(is_postgres_url(""));
}

TEST_CASE("display masks the password of user:password@ and of a password= parameter") {
  CHECK(display_url("postgresql://payq:s3cret@db.example:5432/payq") == "postgresql://payq:***@db.example:5432/payq");
  CHECK(display_url("postgres://payq:s3cret@db/payq?sslmode=require") == "postgres://payq:***@db/payq?sslmode=require");
  CHECK(display_url("postgresql://payq@db/payq?password=s3cret&sslmode=require") ==
        "postgresql://payq@db/payq?password=***&sslmode=require");
  CHECK(display_url("postgresql://db/payq?sslmode=require&password=s3cret") ==
        "postgresql://db/payq?sslmode=require&password=***");
  CHECK(display_url("postgresql://u:a@b@db/payq") == "postgresql://u:***@db/payq");  // a raw '@' in the password
  CHECK(display_url("postgresql://u:p?x=1@db/payq?password=q") == "postgresql://u:***@db/payq?password=***");
  CHECK(display_url("postgresql://u:@db/payq") == "postgresql://u:***@db/payq");
  CHECK(display_url("postgresql://u:a/b?c@db/payq") == "postgresql://u:***@db/payq");  // raw '/' and '?' too
  CHECK(display_url("postgresql://db/payq?password=a&b&sslmode=require") ==
        "postgresql://db/payq?password=***&sslmode=require");  // a raw '&' in the password
  // An '@' in the query makes the userinfo look longer: more is masked, never less.
  CHECK(display_url("postgresql://db:5432/payq?password=a@b") == "postgresql://db:***@b");
}

TEST_CASE("display leaves a URL without a password as it is") {
  for (const char* url : {"postgresql://payq@127.0.0.1:5432/payq", "postgresql:///payq?host=/run/postgresql",
                          "postgresql://db/payq?options=-csearch_path%3Dq", "postgres://[::1]:5432/payq",
                          "postgresql://db:5432/payq?passwordless=1", "/var/lib/payq/payq.db"}) {
    CHECK(display_url(url) == url);
  }
}

TEST_CASE("the conninfo is the URL itself, sockets and all, when no password file is given") {
  auto target = connect_target("postgresql:///payq?host=/run/postgresql", std::nullopt);
  REQUIRE(target.is_ok());
  CHECK(target->conninfo == "postgresql:///payq?host=/run/postgresql");
  CHECK(target->display == "postgresql:///payq?host=/run/postgresql");
  auto with_password = connect_target("postgresql://payq:s3cret@db/payq", std::nullopt);
  REQUIRE(with_password.is_ok());
  CHECK(with_password->conninfo == "postgresql://payq:s3cret@db/payq");
  CHECK(with_password->display == "postgresql://payq:***@db/payq");
  CHECK(connect_target("/var/lib/payq/payq.db", std::nullopt).status().code() == StatusCode::kConfig);
}

TEST_CASE("a password file adds its password, percent-encoded, without its final newline") {
  payq::testing::TempDir dir;
  const auto path = write_file(dir, "pa ss&w=rd\n", kOwnerOnly);
  auto target = connect_target("postgresql://payq@db/payq?sslmode=require", path);
  REQUIRE_MESSAGE(target.is_ok(), target.status().to_string());
  CHECK(target->conninfo == "postgresql://payq@db/payq?sslmode=require&password=pa%20ss%26w%3Drd");
  CHECK(target->display == "postgresql://payq@db/payq?sslmode=require");
  auto no_query = connect_target("postgresql://payq@db/payq", path);
  REQUIRE(no_query.is_ok());
  CHECK(no_query->conninfo == "postgresql://payq@db/payq?password=pa%20ss%26w%3Drd");
}

TEST_CASE("a password file: CRLF trimmed; empty, several lines, missing or open to others refused") {
  payq::testing::TempDir dir;
  auto crlf = read_password_file(write_file(dir, "secret\r\n", kOwnerOnly));
  REQUIRE(crlf.is_ok());
  CHECK(*crlf == "secret");
  auto bare = read_password_file(write_file(dir, "secret", std::filesystem::perms::owner_read));
  REQUIRE(bare.is_ok());
  CHECK(*bare == "secret");
  CHECK(contains(read_password_file(write_file(dir, "\n", kOwnerOnly)).status().message(), "is empty"));
  CHECK(contains(read_password_file(write_file(dir, "a\nb\n", kOwnerOnly)).status().message(), "more than one line"));
  auto missing = read_password_file(dir.file("missing"));
  CHECK(missing.status().code() == StatusCode::kConfig);
  CHECK(contains(missing.status().message(), "missing: not a readable file"));

  auto group = read_password_file(write_file(dir, "secret\n", kOwnerOnly | std::filesystem::perms::group_read));
  REQUIRE_FALSE(group.is_ok());
  CHECK(group.status().code() == StatusCode::kConfig);
  CHECK(contains(group.status().message(), "permissions 0640 are too open"));
  CHECK(contains(group.status().message(), "chmod 600"));
  CHECK_FALSE(contains(group.status().message(), "secret"));
  auto world = read_password_file(write_file(dir, "secret\n", kOwnerOnly | std::filesystem::perms::others_read));
  CHECK(contains(world.status().message(), "permissions 0604 are too open"));
}

TEST_CASE("a URL with a password and a password file as well is refused: one source") {
  payq::testing::TempDir dir;
  const auto path = write_file(dir, "secret\n", kOwnerOnly);
  auto both = connect_target("postgresql://payq:other@db/payq", path);
  REQUIRE_FALSE(both.is_ok());
  CHECK(both.status().code() == StatusCode::kConfig);
  CHECK(contains(both.status().message(), "postgresql://payq:***@db/payq holds a password and password_file"));
  CHECK_FALSE(contains(both.status().message(), "other"));
  CHECK_FALSE(connect_target("postgresql://payq@db/payq?password=other", path).is_ok());
}

TEST_CASE("a libpq message quoting part of the URL loses the password") {
  using payq::store::postgres::without_passwords;
  CHECK(without_passwords("invalid percent-encoded token: \"pa%zzss\"", "postgresql://u:pa%zzss@h/d") ==
        "invalid percent-encoded token: \"***\"");
  CHECK(without_passwords("no password here", "postgresql://u@h/d") == "no password here");
}
