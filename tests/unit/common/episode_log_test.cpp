// unit/common/episode_log_test.cpp — a storm of one failure is one full line, then a summary per interval, then
// a closing line after a quiet spell; time is stepped with the fake clock, lines read back from payq's text logger.
#include <doctest/doctest.h>

#include <string>

#include "common/episode_log.h"
#include "support/fake_clock.h"
#include "support/log_capture.h"

using namespace std::chrono_literals;
using payq::EpisodeLog;

TEST_SUITE("common.episode_log") {
  TEST_CASE("the first occurrence in full with its intent, then one summary a minute, not a line per call") {
    payq::testing::FakeClock clock;
    payq::testing::LogCapture log;
    EpisodeLog episodes(clock, "429 from the partner", {.summary_every = 60s, .quiet_ends = 60s});
    episodes.occurred(spdlog::level::warn, {"INV-7", {}}, "Retry-After 1000 ms", "limiter at 2.50 req/s");
    for (int i = 0; i < 36; ++i) {
      clock.advance(1s);
      episodes.occurred(spdlog::level::warn, {"INV-8", {}}, "Retry-After 1000 ms", "limiter at 3.10 req/s");
    }
    REQUIRE(log.lines().size() == 1);
    CHECK(log.lines()[0] == "warn  ref=INV-7 429 from the partner: Retry-After 1000 ms; limiter at 2.50 req/s; "
                            "further ones are summarised every 60 s");
    clock.advance(24s);
    episodes.occurred(spdlog::level::warn, {"INV-9", {}}, "Retry-After 1000 ms", "limiter at 3.10 req/s");
    REQUIRE(log.lines().size() == 2);
    CHECK(log.lines()[1] == "warn  429 from the partner 37 times in the last 60 s; limiter at 3.10 req/s");
  }

  TEST_CASE("tick says what is left and closes the episode after a quiet spell; the next one starts afresh") {
    payq::testing::FakeClock clock;
    payq::testing::LogCapture log;
    EpisodeLog episodes(clock, "429 from the partner", {.summary_every = 60s, .quiet_ends = 60s});
    episodes.occurred(spdlog::level::warn, {"A-1", {}}, "no Retry-After", "");
    clock.advance(5s);
    episodes.occurred(spdlog::level::warn, {"A-2", {}}, "no Retry-After", "");
    episodes.occurred(spdlog::level::warn, {"A-3", {}}, "no Retry-After", "");
    episodes.tick("limiter at 4.00 req/s");
    CHECK(log.lines().size() == 1);  // nothing due yet
    clock.advance(55s);
    episodes.tick("limiter at 4.50 req/s");
    REQUIRE(log.lines().size() == 2);
    CHECK(log.lines()[1] == "warn  429 from the partner 2 times in the last 60 s; limiter at 4.50 req/s");
    clock.advance(5s);
    episodes.tick("limiter at 5.00 req/s");
    REQUIRE(log.lines().size() == 3);
    CHECK(log.lines()[2] == "warn  429 from the partner: none for 60 s; 3 in this episode of 5 s");
    clock.advance(1s);
    episodes.tick("limiter at 5.00 req/s");
    CHECK(log.lines().size() == 3);  // closed: ticks say nothing more
    episodes.occurred(spdlog::level::warn, {"B-1", {}}, "no Retry-After", "");
    REQUIRE(log.lines().size() == 4);
    CHECK(log.lines()[3].starts_with("warn  ref=B-1 429 from the partner: no Retry-After; further ones"));
  }

  TEST_CASE("end() closes silently and returns the episode's count") {
    payq::testing::FakeClock clock;
    payq::testing::LogCapture log;
    EpisodeLog episodes(clock, "partner API unreachable");
    CHECK(episodes.end() == 0);
    for (int i = 0; i < 4; ++i) episodes.occurred(spdlog::level::err, {}, "connect refused", "");
    CHECK(episodes.end() == 4);
    CHECK(log.lines().size() == 1);
    CHECK(log.lines()[0].starts_with("error partner API unreachable: connect refused;"));
  }
}
