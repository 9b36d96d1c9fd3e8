// daemon/instance_lock.cpp — InstanceLock over open(O_CLOEXEC) + flock(LOCK_EX | LOCK_NB) on the database file.
// The holder's PID is found in /proc/locks by the file's device and inode (nothing is written into the file).
#include "daemon/instance_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace payq::daemon {
namespace {

std::string errno_text(int error) { return std::strerror(error); }

// "1: FLOCK  ADVISORY  WRITE 1234 08:02:1311 0 EOF": the pid of the flock on this device and inode, or "unknown".
std::string flock_holder_pid(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return "unknown";
  char wanted[64];
  std::snprintf(wanted, sizeof wanted, "%02x:%02x:%llu", major(st.st_dev), minor(st.st_dev),
                static_cast<unsigned long long>(st.st_ino));
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string number, type, mode, access, pid, device_inode;
    fields >> number >> type;
    if (type == "->") fields >> type;  // a waiter's line
    fields >> mode >> access >> pid >> device_inode;
    if (type == "FLOCK" && device_inode == wanted) return pid;
  }
  return "unknown";
}

}  // namespace

Result<InstanceLock> InstanceLock::acquire(const std::string& db_path) {
  // O_CLOEXEC: a child we exec must not inherit (and so prolong) the lock. 0640: readable by a reporting group.
  const int fd = ::open(db_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return Status(StatusCode::kIo, "open " + db_path + " to lock it: " + errno_text(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    Status status = error == EWOULDBLOCK
                        ? Status(StatusCode::kConflict, "another payq run (pid " + flock_holder_pid(fd) +
                                                            ") holds " + db_path + "; stop it first")
                        : Status(StatusCode::kIo, "lock " + db_path + ": " + errno_text(error));
    ::close(fd);
    return status;
  }
  return InstanceLock(fd, db_path);
}

InstanceLock::InstanceLock(InstanceLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), db_path_(std::move(other.db_path_)) {}

InstanceLock& InstanceLock::operator=(InstanceLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = std::exchange(other.fd_, -1);
    db_path_ = std::move(other.db_path_);
  }
  return *this;
}

InstanceLock::~InstanceLock() { release(); }

void InstanceLock::release() {
  if (fd_ < 0) return;
  ::close(fd_);  // the last descriptor of this open file description: the flock goes with it
  fd_ = -1;
}

}  // namespace payq::daemon
