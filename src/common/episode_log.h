// common/episode_log.h — one kind of repetitive failure (429s from the partner, failed requests to an unreachable
// partner) said in full when an episode starts, then summarised: at most one line per summary_every with the count
// since the last line, and a closing line once none came for quiet_ends. Thread-safe; time from the Clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include <spdlog/common.h>

#include "common/clock.h"
#include "common/intent_log.h"

namespace payq {

struct EpisodeOptions {
  std::chrono::seconds summary_every{60};  // at most one summary line per this
  std::chrono::seconds quiet_ends{60};     // an episode ends after this long without an occurrence
};

class EpisodeLog {
 public:
  // `what` starts every line ("429 from the partner"); summaries and the closing line are logged at warn.
  EpisodeLog(Clock& clock, std::string what, EpisodeOptions options = {});

  // One occurrence. The first of an episode is logged at `level` with the intent's fields:
  // "{what}: {detail}; {context}". Later ones are counted; the first one summary_every or more after the last line
  // logs "{what} {n} times in the last {s} s; {context}". context: how things stand ("limiter at 2.50 req/s").
  void occurred(spdlog::level::level_enum level, const IntentFields& about, std::string_view detail,
                std::string_view context);
  // For a periodic caller: says the count not yet said once summary_every has passed since the last line, and
  // closes the episode ("{what}: none for {q} s; {total} in this episode of {d} s") after quiet_ends of quiet.
  void tick(std::string_view context);
  // Closes the episode without a line (the caller says why it ended); returns its occurrences, 0 when none was open.
  std::int64_t end();

 private:
  void summarise_locked(std::chrono::steady_clock::time_point now, std::string_view context);

  Clock& clock_;
  const std::string what_;
  const EpisodeOptions options_;
  std::mutex mutex_;
  bool open_ = false;                                     // guarded by mutex_
  std::int64_t total_ = 0;                                // guarded by mutex_; occurrences in this episode
  std::int64_t unsaid_ = 0;                               // guarded by mutex_; since the last line
  std::chrono::steady_clock::time_point started_{};       // guarded by mutex_
  std::chrono::steady_clock::time_point last_line_{};     // guarded by mutex_
  std::chrono::steady_clock::time_point last_seen_{};     // guarded by mutex_
};

}  // namespace payq
