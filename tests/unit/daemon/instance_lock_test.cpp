// unit/daemon/instance_lock_test.cpp — InstanceLock: one holder per database, in-process and across fork(),
// and released when the holder dies (exit or SIGKILL). Waits are bounded polls on pipes, never sleeps.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "daemon/instance_lock.h"
#include "support/temp_dir.h"

using payq::StatusCode;
using payq::daemon::InstanceLock;
using payq::testing::TempDir;

namespace {

constexpr int kWaitMs = 5000;

// A child process that holds the lock until the parent writes to its release pipe (or kills it).
class LockHolder {
 public:
  explicit LockHolder(const std::string& db_path) {
    REQUIRE(::pipe(ready_) == 0);
    REQUIRE(::pipe(release_) == 0);
    // Whatever sits in stdio buffers would be written twice if the child's exit flushed its copy.
    std::cout.flush();
    std::fflush(nullptr);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) run_child(db_path);
    ::close(ready_[1]);
    ::close(release_[0]);
  }
  ~LockHolder() {
    ::close(ready_[0]);
    ::close(release_[1]);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;

  // True once the child reports that it holds the lock.
  bool wait_until_locked() {
    pollfd fd{ready_[0], POLLIN, 0};
    char byte = 0;
    return ::poll(&fd, 1, kWaitMs) == 1 && ::read(ready_[0], &byte, 1) == 1 && byte == 'L';
  }
  pid_t pid() const { return pid_; }
  int release_and_reap() {
    char byte = 'x';
    CHECK(::write(release_[1], &byte, 1) == 1);
    return reap();
  }
  int kill_and_reap() {
    ::kill(pid_, SIGKILL);
    return reap();
  }

 private:
  [[noreturn]] void run_child(const std::string& db_path) {
    auto lock = InstanceLock::acquire(db_path);
    const char byte = lock.is_ok() ? 'L' : 'F';
    if (::write(ready_[1], &byte, 1) != 1) ::_exit(2);
    char ignored = 0;
    (void)::read(release_[0], &ignored, 1);
    ::_exit(0);  // the lock goes with the process; no destructors, no doctest teardown in the child
  }
  int reap() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

  int ready_[2] = {-1, -1};
  int release_[2] = {-1, -1};
  pid_t pid_ = -1;
};

}  // namespace

TEST_SUITE("daemon.instance_lock") {
  TEST_CASE("a second acquire in the same process conflicts and names the holder's pid") {
    TempDir dir;
    const std::string db = dir.file("payq.db");
    auto first = InstanceLock::acquire(db);
    REQUIRE(first.is_ok());
    CHECK(first->db_path() == db);

    auto second = InstanceLock::acquire(db);
    REQUIRE_FALSE(second.is_ok());
    CHECK(second.status().code() == StatusCode::kConflict);
    CHECK(second.status().message() ==
          "another payq run (pid " + std::to_string(::getpid()) + ") holds " + db + "; stop it first");
  }

  TEST_CASE("the lock belongs to the file: a symlink to it, or through a symlinked directory, meets the same lock") {
    TempDir dir;
    REQUIRE(::mkdir(dir.file("real").c_str(), 0700) == 0);
    const std::string db = dir.file("real/payq.db");
    auto held = InstanceLock::acquire(db);
    REQUIRE(held.is_ok());
    REQUIRE(::symlink(db.c_str(), dir.file("link.db").c_str()) == 0);
    REQUIRE(::symlink(dir.file("real").c_str(), dir.file("alias").c_str()) == 0);
    REQUIRE(::link(db.c_str(), dir.file("hard.db").c_str()) == 0);
    for (const std::string& other : {dir.file("link.db"), dir.file("alias/payq.db"), dir.file("hard.db"),
                                     dir.file("real/../real/payq.db")}) {
      auto second = InstanceLock::acquire(other);
      CHECK_MESSAGE(second.status().code() == StatusCode::kConflict, other);
    }
  }

  TEST_CASE("releasing the lock lets the next acquire succeed, also after a move") {
    TempDir dir;
    const std::string db = dir.file("payq.db");
    {
      auto first = InstanceLock::acquire(db);
      REQUIRE(first.is_ok());
      InstanceLock moved = std::move(first).value();
      CHECK_FALSE(InstanceLock::acquire(db).is_ok());
    }
    CHECK(InstanceLock::acquire(db).is_ok());
  }

  TEST_CASE("a directory that cannot hold the lock file is an I/O error") {
    TempDir dir;
    auto lock = InstanceLock::acquire(dir.file("missing/payq.db"));
    REQUIRE_FALSE(lock.is_ok());
    CHECK(lock.status().code() == StatusCode::kIo);
  }

  TEST_CASE("another process holding the lock is named; its exit releases the lock") {
    TempDir dir;
    const std::string db = dir.file("payq.db");
    LockHolder holder(db);
    REQUIRE(holder.wait_until_locked());

    auto refused = InstanceLock::acquire(db);
    REQUIRE_FALSE(refused.is_ok());
    CHECK(refused.status().code() == StatusCode::kConflict);
    CHECK(refused.status().message().find("(pid " + std::to_string(holder.pid()) + ")") != std::string::npos);

    const int status = holder.release_and_reap();
    CHECK(WIFEXITED(status));
    CHECK(InstanceLock::acquire(db).is_ok());
  }

  TEST_CASE("a holder killed with SIGKILL leaves no lock behind") {
    TempDir dir;
    const std::string db = dir.file("payq.db");
    LockHolder holder(db);
    REQUIRE(holder.wait_until_locked());
    CHECK_FALSE(InstanceLock::acquire(db).is_ok());

    const int status = holder.kill_and_reap();
    CHECK(WIFSIGNALED(status));
    CHECK(InstanceLock::acquire(db).is_ok());
  }
}
