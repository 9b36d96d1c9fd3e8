// importer/import_pacing.cpp — the pause between chunks mirrors SQLite's default busy handler
// (sqliteDefaultBusyCallback): the sleep a waiter takes next, by how long it has waited so far.
#include "importer/import_pacing.h"

#include <algorithm>
#include <array>

namespace payq::importer {
namespace {

using std::chrono::milliseconds;

// SQLite's busy handler sleeps kDelays[i] after having waited kTotals[i]; past the table, 100 ms each time.
constexpr std::array<int, 12> kDelays = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
constexpr std::array<int, 12> kTotals = {0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228};
// Scheduling slack on a loaded host: the waiter's sleep may end a little late.
constexpr milliseconds kPauseSlack{5};
static_assert(kFullPause >= milliseconds(kDelays.back()) + kPauseSlack, "a full pause outlasts any busy-handler sleep");

}  // namespace

milliseconds pause_after_chunk(std::chrono::nanoseconds held, bool contended, std::chrono::nanoseconds since_full_pause) {
  if (since_full_pause >= kFullPauseEvery) return kFullPause;
  if (!contended) return kShortPause;
  int longest = 0;  // the longest sleep a waiter may have started within `held`
  for (std::size_t i = 0; i < kDelays.size(); ++i) {
    if (milliseconds(kTotals[i]) > held) break;
    longest = std::max(longest, kDelays[i]);
  }
  return std::max(milliseconds(longest) + kPauseSlack, kShortPause);
}

milliseconds lock_retry_backoff(int failed_tries) {
  milliseconds backoff = kLockRetryFirst;
  for (int i = 1; i < failed_tries && backoff < kLockRetryMax; ++i) backoff *= 2;
  return std::min(backoff, kLockRetryMax);
}

}  // namespace payq::importer
