// store/pause_store.h — the operator's pause of new submissions: the pause in force (one row while paused) and
// the append-only audit of every pause and resume. Read by the daemon's maintenance loop and `payq status`;
// written by `payq pause` / `payq resume`. No thread contract of its own: one instance per connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

// Submissions are paused: since when, by whom, why (reason may be empty).
struct PauseState {
  std::int64_t paused_at = 0;  // UTC ms
  std::string paused_by;
  std::string reason;
};

// One audit row: action is "pause" or "resume".
struct PauseEvent {
  std::string action;
  std::int64_t at = 0;  // UTC ms
  std::string actor;
  std::string reason;
};

// What pause() or resume() found: whether it changed anything, and the pause in force before the call.
struct PauseChange {
  bool changed = false;
  std::optional<PauseState> before;
};

class PauseStore {
 public:
  virtual ~PauseStore() = default;

  // nullopt when submissions are not paused.
  virtual Result<std::optional<PauseState>> read() = 0;
  // Pauses and records the audit row in one transaction; when already paused, changes nothing (changed = false).
  virtual Result<PauseChange> pause(const std::string& by, const std::string& reason, std::int64_t now_ms) = 0;
  // Ends the pause and records the audit row in one transaction; when not paused, changes nothing.
  virtual Result<PauseChange> resume(const std::string& by, const std::string& reason, std::int64_t now_ms) = 0;
  // The latest `limit` audit rows, newest first.
  virtual Result<std::vector<PauseEvent>> history(int limit) = 0;
};

}  // namespace payq::store
