// daemon/instance_lock.h — InstanceLock: exactly one `payq run` per database, held as a flock on <db>.lock.
// Move-only RAII; not shared between threads. The kernel drops the lock when the process dies, even on kill -9.
#pragma once

#include <string>

#include "payq/status.h"

namespace payq::daemon {

class InstanceLock {
 public:
  // Opens or creates `<db_path>.lock`, takes a non-blocking exclusive flock and writes this process's PID into
  // the file. kConflict when another holder exists (the message names its PID and what to do); kIo otherwise.
  // A second acquire in the same process conflicts too: flock locks belong to the open file description.
  static Result<InstanceLock> acquire(const std::string& db_path);

  InstanceLock(InstanceLock&& other) noexcept;
  InstanceLock& operator=(InstanceLock&& other) noexcept;
  InstanceLock(const InstanceLock&) = delete;
  InstanceLock& operator=(const InstanceLock&) = delete;
  ~InstanceLock();

  const std::string& lock_path() const { return lock_path_; }

 private:
  InstanceLock(int fd, std::string lock_path) : fd_(fd), lock_path_(std::move(lock_path)) {}
  void release();

  int fd_ = -1;
  std::string lock_path_;
};

}  // namespace payq::daemon
