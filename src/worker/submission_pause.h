// worker/submission_pause.h — the operator's pause as the worker threads see it: an atomic flag the submitters
// read before each claim (free), set by the maintenance loop from the database (store/pause_store.h). Thread-safe.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>

#include "store/pause_store.h"

namespace payq::worker {

// Why a flag and not a read per claim: a claim is the hot write path (every submitter, up to the full rate), and
// `payq pause` is another process, so something must look at the database. The maintenance loop already wakes
// every 200 ms on its own connection; reading the one-row submission_pause table there (a primary-key lookup that
// a writer never blocks under WAL) makes the daemon notice a pause within a tick, well inside a second, and each
// submitter pays one atomic load. A submitter that passed the check and then waited for a permit checks again
// right before its claim, so no claim starts after the flag is set.
class SubmissionPause {
 public:
  // start_paused: hold claims until the first update() (the daemon, until it has read the database once).
  explicit SubmissionPause(bool start_paused = false) : paused_(start_paused), known_(!start_paused) {}

  // What the database says now; logs a change (pause, resume) once and returns whether there was one.
  bool update(const std::optional<store::PauseState>& state);
  // True while paused, or before the first update() when started paused.
  bool paused() const noexcept { return paused_.load(std::memory_order_acquire); }
  // "submissions paused by NAME since TIME: REASON", for STATUS= and the log; nullopt while not paused.
  std::optional<std::string> describe() const;

 private:
  std::atomic<bool> paused_;
  mutable std::mutex mutex_;
  bool known_;                              // guarded by mutex_: update() was called at least once
  std::optional<store::PauseState> state_;  // guarded by mutex_
};

}  // namespace payq::worker
