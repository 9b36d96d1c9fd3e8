// store/heartbeat_store.h — writes and reads the daemon's one-row heartbeat (pid, host, last beat, rate, problem),
// so `payq status`, a separate process, can say whether a daemon is alive and how fast it may go.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

struct Heartbeat {
  std::int64_t pid = 0;
  std::string version;
  std::int64_t started_at = 0;
  std::int64_t beat_at = 0;
  double rate = 0.0;
  std::int64_t margin_us = 0;
  std::string host{};                    // the machine the daemon runs on
  std::int64_t epoch = 0;                // its start's epoch (daemon_epochs)
  std::optional<std::string> problem{};  // what it knows is wrong (database, partner, credentials); nullopt: healthy
  std::string poll_policy{};             // reconciler.policy in force (adaptive, backoff)
  std::optional<std::int64_t> stopped_at{};  // UTC ms of a clean stop; nullopt while running or after a crash
};

// A daemon waiting to lead a database several daemons share (UTC ms).
struct Standby {
  std::int64_t pid = 0;
  std::string host;
  std::int64_t since = 0;    // when it began to wait
  std::int64_t beat_at = 0;  // when it last said it waits
};

class HeartbeatStore {
 public:
  virtual ~HeartbeatStore() = default;

  // Rewrites the row (which clears stopped_at: the daemon runs).
  virtual Status beat(const Heartbeat& heartbeat) = 0;
  // Records a clean stop of the daemon of `epoch`; a row of another epoch is left alone.
  virtual Status mark_stopped(std::int64_t epoch, std::int64_t now_ms) = 0;
  // nullopt when no daemon ever ran on this database.
  virtual Result<std::optional<Heartbeat>> read() = 0;

  // A standby says it still waits (its row is created or rewritten).
  virtual Status beat_standby(const Standby& standby) = 0;
  // A standby stopped waiting: it leads now, or it stopped.
  virtual Status remove_standby(std::int64_t pid, const std::string& host) = 0;
  // The standbys that said they wait at or after `seen_since_ms`, longest waiting first.
  virtual Result<std::vector<Standby>> standbys(std::int64_t seen_since_ms) = 0;
};

}  // namespace payq::store
