// unit/daemon/daemon_liveness_test.cpp — heartbeat_running: fresh beats run, stale ones do not, and a clean stop
// counts only until the next beat. Pure; times in UTC ms.
#include <doctest/doctest.h>

#include "daemon/daemon_liveness.h"

using payq::daemon::heartbeat_running;
using payq::store::Heartbeat;

TEST_SUITE("daemon.liveness") {
  TEST_CASE("a fresh beat is a running daemon, a stale one is not") {
    Heartbeat beat;
    beat.beat_at = 1'000'000;
    CHECK(heartbeat_running(beat, 1'000'000 + 5'000));
    CHECK_FALSE(heartbeat_running(beat, 1'000'000 + 3'600'000));
  }

  TEST_CASE("a clean stop ends it, until a later beat") {
    Heartbeat beat;
    beat.beat_at = 1'000'000;
    beat.stopped_at = 1'000'500;
    CHECK_FALSE(heartbeat_running(beat, 1'001'000));
    beat.beat_at = 1'002'000;  // another daemon beat after the stop (a row updated, not rewritten)
    CHECK(heartbeat_running(beat, 1'003'000));
  }
}
