// daemon/instance_lock.h — InstanceLock: exactly one `payq run` per database *file*, held as a flock on the
// database file itself, so every spelling of its path (symlinks to the file or to a directory, `..`, hard links)
// meets the same lock. Move-only RAII; not shared between threads. The kernel drops the lock when the process
// dies, even on kill -9.
#pragma once

#include <string>

#include "payq/status.h"

namespace payq::daemon {

class InstanceLock {
 public:
  // Opens (creating it empty, 0640, if missing) the database file and takes a non-blocking exclusive flock.
  // kConflict when another holder exists (the message names its PID, read from /proc/locks); kIo otherwise.
  // A second acquire in the same process conflicts too: flock locks belong to the open file description.
  //
  // The descriptor stays open while the lock is held and must be released only after every SQLite connection of
  // this process to the file is closed: closing any descriptor of a file drops the process's POSIX (fcntl)
  // locks on it, which are SQLite's. flock and fcntl locks do not otherwise interact on Linux.
  static Result<InstanceLock> acquire(const std::string& db_path);

  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();

  const std::string& db_path() const { return db_path_; }

 private:
  InstanceLock(int fd, std::string db_path) : fd_(fd), db_path_(std::move(db_path)) {}
  void release();

  int fd_ = -1;
  std::string db_path_;
};

}  // namespace payq::daemon
