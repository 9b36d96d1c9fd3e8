// daemon/instance_lock.cpp — InstanceLock over open(O_CLOEXEC) + flock(LOCK_EX | LOCK_NB).
// The lock file is never unlinked: removing it would let a second daemon lock a fresh inode beside the held one.
#include "daemon/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

namespace payq::daemon {
namespace {

std::string errno_text(int error) { return std::strerror(error); }

// The PID the holder wrote, or "unknown" while it is between its flock and its write.
std::string read_holder_pid(int fd) {
  char buffer[32] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  std::string_view text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return "unknown";
  return std::string(text);
}

Status write_own_pid(int fd, const std::string& lock_path) {
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    return {StatusCode::kIo, "write pid to " + lock_path + ": " + errno_text(errno)};
  }
  return Status::ok();
}

}  // namespace

Result<InstanceLock> InstanceLock::acquire(const std::string& db_path) {
  std::string lock_path = db_path + ".lock";
  // O_CLOEXEC: a child we exec must not inherit (and so prolong) the lock.
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status(StatusCode::kIo, "open " + lock_path + ": " + errno_text(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    Status status = error == EWOULDBLOCK
                        ? Status(StatusCode::kConflict, "another payq run (pid " + read_holder_pid(fd) +
                                                            ") holds " + db_path + "; stop it first")
                        : Status(StatusCode::kIo, "lock " + lock_path + ": " + errno_text(error));
    ::close(fd);
    return status;
  }
  if (Status status = write_own_pid(fd, lock_path); !status.is_ok()) {
    ::close(fd);
    return status;
  }
  return InstanceLock(fd, std::move(lock_path));
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), lock_path_(std::move(other.lock_path_)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    lock_path_ = std::move(other.lock_path_);
  }
  return *this;
}

InstanceLock::~InstanceLock() { release(); }

void InstanceLock::release() {
  if (fd_ < 0) return;
  // Clear the PID first so nobody reads a stale holder; closing the last descriptor drops the flock.
  (void)::ftruncate(fd_, 0);
  ::close(fd_);
  fd_ = -1;
}

}  // namespace payq::daemon
