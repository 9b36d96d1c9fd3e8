// support/faulty_vfs.h — a SQLite VFS shim for tests, in the spirit of SQLite's test_vfs.c and leveldb's
// FaultInjectionTestEnv: it forwards to the default VFS and fails the next N writes, syncs or write-lock attempts
// with the code the test chose (SQLITE_FULL, SQLITE_IOERR_*, SQLITE_BUSY). Registered once per process under
// kFaultyVfsName; open a connection through it with store::OpenOptions::vfs. Thread-safe (atomic counters).
#pragma once

#include <atomic>

#include <sqlite3.h>

namespace payq::testing {

inline constexpr const char* kFaultyVfsName = "payq-faulty";

struct FaultPlan {
  std::atomic<int> writes_to_fail{0};
  std::atomic<int> write_code{SQLITE_FULL};
  std::atomic<int> syncs_to_fail{0};
  std::atomic<int> sync_code{SQLITE_IOERR_FSYNC};
  std::atomic<int> write_locks_to_fail{0};  // WAL write lock (exclusive shm lock): answered SQLITE_BUSY
  std::atomic<int> faults_injected{0};

  void clear() {
    writes_to_fail = 0;
    syncs_to_fail = 0;
    write_locks_to_fail = 0;
  }
};

// Registers the shim (once) and returns the plan every connection opened through it obeys. The shim's sleep
// returns at once, so SQLite's busy handler spins through its timeout without really waiting.
FaultPlan& faulty_vfs();

}  // namespace payq::testing
