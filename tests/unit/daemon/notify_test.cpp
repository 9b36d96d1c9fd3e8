// unit/daemon/notify_test.cpp — Notifier: the datagrams systemd would receive on $NOTIFY_SOCKET, the watchdog
// interval, and silence without a socket. Receives are bounded polls; the environment is restored after each test.
#include <doctest/doctest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "daemon/notify.h"
#include "support/temp_dir.h"

using namespace std::chrono_literals;
using payq::daemon::Notifier;
using payq::testing::TempDir;

namespace {

// Sets (or unsets) one environment variable for the scope of a test.
class EnvVar {
 public:
  EnvVar(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvVar() {
    if (saved_) {
      ::setenv(name_, saved_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

// A unix datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string& path) : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    REQUIRE(path.size() < sizeof address.sun_path);
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  }
  ~NotifySocket() { ::close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // The next datagram, or "" when none arrives within 5 s.
  std::string receive() {
    pollfd fd{fd_, POLLIN, 0};
    if (::poll(&fd, 1, 5000) != 1) return "";
    char buffer[512];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  }

 private:
  int fd_;
};

}  // namespace

TEST_SUITE("daemon.notify") {
  TEST_CASE("ready, status and stopping arrive as sd_notify datagrams") {
    TempDir dir;
    const std::string path = dir.file("notify");
    NotifySocket socket(path);
    EnvVar notify_socket("NOTIFY_SOCKET", path);

    Notifier notifier;
    REQUIRE(notifier.ready().is_ok());
    CHECK(socket.receive() == "READY=1");
    REQUIRE(notifier.status("x").is_ok());
    CHECK(socket.receive() == "STATUS=x");
    REQUIRE(notifier.status("draining\n3 in flight").is_ok());
    CHECK(socket.receive() == "STATUS=draining 3 in flight");
    REQUIRE(notifier.watchdog().is_ok());
    CHECK(socket.receive() == "WATCHDOG=1");
    REQUIRE(notifier.extend_timeout(5s).is_ok());
    CHECK(socket.receive() == "EXTEND_TIMEOUT_USEC=5000000");
    REQUIRE(notifier.stopping().is_ok());
    CHECK(socket.receive() == "STOPPING=1");
  }

  TEST_CASE("without NOTIFY_SOCKET every call succeeds and does nothing") {
    EnvVar notify_socket("NOTIFY_SOCKET", std::nullopt);
    Notifier notifier;
    CHECK(notifier.ready().is_ok());
    CHECK(notifier.status("idle").is_ok());
    CHECK(notifier.watchdog().is_ok());
    CHECK(notifier.stopping().is_ok());
  }

  TEST_CASE("a socket that is gone is reported, not ignored") {
    TempDir dir;
    EnvVar notify_socket("NOTIFY_SOCKET", dir.file("nobody-listens"));
    const auto status = Notifier().ready();
    REQUIRE_FALSE(status.is_ok());
    CHECK(status.message().find("sd_notify READY") == 0);
  }

  TEST_CASE("the watchdog interval comes from WATCHDOG_USEC for this pid only") {
    EnvVar usec("WATCHDOG_USEC", "2000000");
    {
      EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
      CHECK(Notifier().watchdog_interval() == std::optional<std::chrono::microseconds>(2s));
    }
    {
      EnvVar pid("WATCHDOG_PID", std::to_string(::getpid() + 1));
      CHECK_FALSE(Notifier().watchdog_interval().has_value());
    }
    EnvVar no_usec("WATCHDOG_USEC", std::nullopt);
    CHECK_FALSE(Notifier().watchdog_interval().has_value());
  }
}
