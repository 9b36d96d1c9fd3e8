// importer/import_pacing_test.cpp — the pause between chunks: short while nobody else writes, a full one every
// kFullPauseEvery, and after a contended chunk one that covers the longest sleep SQLite's busy handler may have
// started while the chunk held the lock; the lock-wait backoff doubles up to its cap.
#include <doctest/doctest.h>

#include "importer/import_pacing.h"

using namespace std::chrono_literals;
using payq::importer::kFullPause;
using payq::importer::kFullPauseEvery;
using payq::importer::kShortPause;
using payq::importer::lock_retry_backoff;
using payq::importer::pause_after_chunk;

TEST_CASE("without another writer the pause is short, and a full one comes every kFullPauseEvery") {
  CHECK(pause_after_chunk(185ms, false, 0ms) == kShortPause);
  CHECK(pause_after_chunk(185ms, false, kFullPauseEvery - 1ms) == kShortPause);
  CHECK(pause_after_chunk(185ms, false, kFullPauseEvery) == kFullPause);
  CHECK(pause_after_chunk(1ms, true, kFullPauseEvery) == kFullPause);
  CHECK(kFullPause > 100ms);  // SQLite's busy handler sleeps at most 100 ms between tries
}

TEST_CASE("after a contended chunk the pause grows with how long the chunk held the lock") {
  CHECK(pause_after_chunk(0ms, true, 0ms) >= 1ms);
  CHECK(pause_after_chunk(20ms, true, 0ms) >= 10ms);    // a waiter of 18 ms sleeps 10 ms next
  CHECK(pause_after_chunk(185ms, true, 0ms) >= 50ms);   // of 178 ms: 50 ms
  CHECK(pause_after_chunk(250ms, true, 0ms) >= 100ms);  // of 228 ms and more: 100 ms
  CHECK(pause_after_chunk(10s, true, 0ms) == pause_after_chunk(250ms, true, 0ms));
  CHECK(pause_after_chunk(20ms, true, 0ms) < pause_after_chunk(185ms, true, 0ms));
}

TEST_CASE("the backoff while another writer keeps the lock doubles from the first wait up to the cap") {
  CHECK(lock_retry_backoff(1) == payq::importer::kLockRetryFirst);
  CHECK(lock_retry_backoff(2) == 2 * payq::importer::kLockRetryFirst);
  CHECK(lock_retry_backoff(50) == payq::importer::kLockRetryMax);
}
