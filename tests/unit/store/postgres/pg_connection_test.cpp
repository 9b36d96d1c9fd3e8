// store/postgres/pg_connection_test.cpp — opening a session: an unreachable server is kDatabase naming the
// masked URL; on a real server the session carries payq's settings and a missing database is named as such.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <pqxx/nontransaction>
#include <pqxx/result>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_test_schema.h"

using payq::StatusCode;
using payq::store::postgres::PgConnection;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A loopback TCP port that is bound but never listened on, so connecting to it is refused for as long as this
// object lives (a port merely closed could be taken by someone else in between).
class RefusingPort {
 public:
  RefusingPort() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

std::string setting(PgConnection& connection, const std::string& name) {
  pqxx::nontransaction tx(connection.session());
  return tx.exec("SELECT current_setting('" + name + "')")[0][0].as<std::string>();
}

}  // namespace

TEST_CASE("an unreachable server is kDatabase, named by its URL with the password masked") {
  RefusingPort closed;
  const std::string port = std::to_string(closed.port());
  auto connection = PgConnection::open({.url = "postgresql://payq:s3cret@127.0.0.1:" + port + "/payq"});
  REQUIRE_FALSE(connection.is_ok());
  CHECK(connection.status().code() == StatusCode::kDatabase);
  CHECK(contains(connection.status().message(), "PostgreSQL at postgresql://payq:***@127.0.0.1:" + port +
                                                    "/payq: server unreachable: "));
  CHECK(contains(connection.status().message(), "Connection refused"));
  CHECK_FALSE(contains(connection.status().message(), "s3cret"));
}

TEST_CASE("a URL libpq cannot parse is kConfig, and a password in it is not repeated") {
  auto connection = PgConnection::open({.url = "postgresql://payq:pa%zzss@127.0.0.1:1/payq"});
  REQUIRE_FALSE(connection.is_ok());
  CHECK(connection.status().code() == StatusCode::kConfig);
  CHECK_FALSE(contains(connection.status().message(), "pa%zzss"));
  CHECK(contains(connection.status().message(), "postgresql://payq:***@127.0.0.1:1/payq"));
}

TEST_CASE("an SQLite path is not a PostgreSQL URL") {
  auto connection = PgConnection::open({.url = "/var/lib/payq/payq.db"});
  REQUIRE_FALSE(connection.is_ok());
  CHECK(connection.status().code() == StatusCode::kConfig);
}

TEST_SUITE("postgres.connection") {
  TEST_CASE("a session is named payq, waits lock_timeout for locks and has no statement_timeout") {
    payq::testing::PgTestSchema schema;
    auto connection = schema.connect(std::chrono::milliseconds(1234));
    CHECK(setting(*connection, "application_name") == "payq");
    CHECK(setting(*connection, "lock_timeout") == "1234ms");
    CHECK(setting(*connection, "statement_timeout") == "0");
    CHECK(setting(*connection, "search_path") == schema.name());
    CHECK(connection->display_url() == schema.url());
  }

  TEST_CASE("an application_name in the URL wins over payq's") {
    payq::testing::PgTestSchema schema;
    auto connection = PgConnection::open({.url = schema.url() + "&application_name=payq-eu"});
    REQUIRE(connection.is_ok());
    CHECK(setting(**connection, "application_name") == "payq-eu");
  }

  TEST_CASE("a missing database is kDatabase and says the database does not exist") {
    payq::testing::PgTestSchema schema;
    std::string url = schema.server_url();
    url = url.substr(0, url.rfind('/')) + "/payq_no_such_database";
    auto connection = PgConnection::open({.url = url});
    REQUIRE_FALSE(connection.is_ok());
    CHECK(connection.status().code() == StatusCode::kDatabase);
    CHECK(contains(connection.status().message(), "the database does not exist"));
    CHECK(contains(connection.status().message(), "payq_no_such_database"));
  }
}
