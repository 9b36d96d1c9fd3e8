// importer/import_pacing_test.cpp — the pause between chunks covers the longest sleep SQLite's busy handler
// may have started while the chunk held the lock; the lock-wait backoff doubles up to its cap.
#include <doctest/doctest.h>

#include "importer/import_pacing.h"

using namespace std::chrono_literals;
using payq::importer::lock_retry_backoff;
using payq::importer::pause_after_chunk;

TEST_CASE("the pause after a chunk grows with how long the chunk held the lock, up to SQLite's 100 ms sleeps") {
  CHECK(pause_after_chunk(0ms) >= 1ms);
  CHECK(pause_after_chunk(20ms) >= 10ms);   // a waiter of 18 ms sleeps 10 ms next
  CHECK(pause_after_chunk(185ms) >= 50ms);  // of 178 ms: 50 ms
  CHECK(pause_after_chunk(250ms) >= 100ms); // of 228 ms and more: 100 ms
  CHECK(pause_after_chunk(10s) == pause_after_chunk(250ms));
  CHECK(pause_after_chunk(20ms) < pause_after_chunk(185ms));
}

TEST_CASE("the backoff while another writer keeps the lock doubles from the first wait up to the cap") {
  CHECK(lock_retry_backoff(1) == payq::importer::kLockRetryFirst);
  CHECK(lock_retry_backoff(2) == 2 * payq::importer::kLockRetryFirst);
  CHECK(lock_retry_backoff(50) == payq::importer::kLockRetryMax);
}
