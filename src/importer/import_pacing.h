// importer/import_pacing.h — how long one chunk of `payq import` may hold the database's write lock, how long
// it lets go between chunks, and how it waits for a lock another writer holds. Pure functions; no I/O.
#pragma once

#include <chrono>
#include <cstddef>

namespace payq::importer {

// A chunk is committed after this many rows or this much time holding the write lock, whichever comes first,
// so another writer (the daemon's claims and heartbeat, a producer) never waits longer than about one chunk.
inline constexpr std::size_t kChunkRows = 5000;
inline constexpr std::chrono::milliseconds kChunkWriting{250};

struct ChunkLimits {
  std::size_t max_rows = kChunkRows;
  std::chrono::nanoseconds max_writing = kChunkWriting;
};

// How long to leave the write lock free after a chunk. Another writer polls for the lock with SQLite's busy
// handler, which sleeps longer the longer it has waited (1, 2, 5 ... 50, 100 ms). Every kFullPauseEvery the pause
// is kFullPause, longer than any such sleep, so every waiter gets in within about a second. When another writer
// committed during the last pause (`contended`), each pause covers the longest sleep a writer that started
// waiting during the chunk (`held` long) may be in, so it gets in right after that chunk; a writer seen once is
// expected again (the daemon claims and beats its heartbeat all the time), so this lasts kContendedFor after its
// last commit. Otherwise the pause is kShortPause: nobody was seen, and a long pause after every chunk would
// cost a third of the import.
// Reading and validating the next chunk happen inside the pause.
inline constexpr std::chrono::milliseconds kShortPause{2};
inline constexpr std::chrono::milliseconds kFullPause{105};
inline constexpr std::chrono::milliseconds kFullPauseEvery{1000};
inline constexpr std::chrono::seconds kContendedFor{5};
std::chrono::milliseconds pause_after_chunk(std::chrono::nanoseconds held, bool contended,
                                            std::chrono::nanoseconds since_full_pause);

// When the write lock stays taken past the busy timeout, the import warns and tries again after this backoff
// (doubling from kLockRetryFirst up to kLockRetryMax); it gives up once it has waited kLockWaitLimit in total.
inline constexpr std::chrono::milliseconds kLockRetryFirst{100};
inline constexpr std::chrono::milliseconds kLockRetryMax{2000};
inline constexpr std::chrono::minutes kLockWaitLimit{5};
std::chrono::milliseconds lock_retry_backoff(int failed_tries);

}  // namespace payq::importer
