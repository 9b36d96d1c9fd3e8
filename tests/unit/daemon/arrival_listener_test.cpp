// daemon/arrival_listener_test.cpp — the listener over scripted arrival sessions and the fake clock: it rings once
// when it starts listening and once per arrival, turns listening off when its session breaks (one warning),
// reopens, and listens again; a store without arrivals leaves the bell silent.
#include <doctest/doctest.h>

#include <condition_variable>
#include <deque>
#include <latch>
#include <mutex>

#include "daemon/arrival_listener.h"
#include "support/fake_clock.h"
#include "support/log_capture.h"

using payq::Result;
using payq::Status;
using payq::StatusCode;
using payq::daemon::ArrivalListener;
using payq::store::IntentArrivals;
using payq::worker::WorkBell;

namespace {

// What the scripted sessions answer, shared with the test. Once a session's script is used up its waits block
// until the test closes the script (then they hear nothing, at once, until the listener stops).
struct Script {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::deque<Result<bool>>> sessions;  // guarded by mutex: one list of answers per session opened
  bool closed = false;                             // guarded by mutex
  int opened = 0;                                  // guarded by mutex
  std::latch drained{1};                           // counted down when the last session's answers are used up

  void close() {
    {
      std::lock_guard lock(mutex);
      closed = true;
    }
    changed.notify_all();
  }
};

class ScriptedArrivals final : public IntentArrivals {
 public:
  ScriptedArrivals(Script& script, std::deque<Result<bool>> answers, bool last)
      : script_(script), answers_(std::move(answers)), last_(last) {}

  Result<bool> wait(std::chrono::milliseconds) override {
    if (!answers_.empty()) {
      Result<bool> answer = answers_.front();
      answers_.pop_front();
      return answer;
    }
    if (last_ && !counted_) {
      counted_ = true;
      script_.drained.count_down();
    }
    std::unique_lock lock(script_.mutex);
    script_.changed.wait(lock, [&] { return script_.closed; });
    return false;
  }

 private:
  Script& script_;
  std::deque<Result<bool>> answers_;
  bool last_;
  bool counted_ = false;
};

ArrivalListener::Opener opener(Script& script) {
  return [&script]() -> Result<std::unique_ptr<IntentArrivals>> {
    std::lock_guard lock(script.mutex);
    ++script.opened;
    if (script.sessions.empty()) return Status{StatusCode::kDatabase, "no more sessions in the script"};
    auto answers = std::move(script.sessions.front());
    script.sessions.pop_front();
    return std::unique_ptr<IntentArrivals>(
        std::make_unique<ScriptedArrivals>(script, std::move(answers), script.sessions.empty()));
  };
}

int count_containing(const std::vector<std::string>& lines, const std::string& part) {
  return static_cast<int>(std::count_if(lines.begin(), lines.end(),
                                        [&](const std::string& l) { return l.find(part) != std::string::npos; }));
}

}  // namespace

TEST_CASE("the arrival listener rings per arrival, stops listening when its session breaks, then listens again") {
  payq::testing::LogCapture log;
  payq::testing::FakeClock clock;
  WorkBell bell;
  Script script;
  script.sessions.push_back({true, false, true, Status{StatusCode::kDatabase, "connection lost"}});
  script.sessions.push_back({true});
  std::stop_source stop;
  const auto start = clock.steady_now();
  {
    ArrivalListener listener(opener(script), bell, clock, stop.get_token());
    script.drained.wait();  // the second session heard its arrival and waits for more
    CHECK(bell.listening());
    // Rung on listening (twice) and per arrival (three times); nothing for the wait that heard nothing.
    CHECK(bell.generation() == 5);
    CHECK(clock.steady_now() - start == payq::daemon::kRelistenFirst);  // the backoff before reopening
    script.close();
    stop.request_stop();
  }  // joined
  CHECK_FALSE(bell.listening());
  CHECK(script.opened == 2);
  const auto lines = log.lines();
  CHECK(count_containing(lines, "listening for new intents: submitters wake") == 1);
  CHECK(count_containing(lines, "not listening for new intents (connection lost)") == 1);
  CHECK(count_containing(lines, "listening for new intents again") == 1);
}

TEST_CASE("sessions that break before answering once keep doubling the backoff") {
  payq::testing::LogCapture log;
  payq::testing::FakeClock clock;
  WorkBell bell;
  Script script;
  script.sessions.push_back({Status{StatusCode::kDatabase, "gone"}});
  script.sessions.push_back({Status{StatusCode::kDatabase, "gone"}});
  script.sessions.push_back({true});
  std::stop_source stop;
  const auto start = clock.steady_now();
  {
    ArrivalListener listener(opener(script), bell, clock, stop.get_token());
    script.drained.wait();
    CHECK(bell.listening());
    CHECK(bell.generation() == 4);  // three sessions listened, one arrival
    CHECK(clock.steady_now() - start == std::chrono::milliseconds(500 + 1000));
    script.close();
    stop.request_stop();
  }
  CHECK(script.opened == 3);
}

TEST_CASE("the arrival listener retries a session it cannot open, warning once, backing off up to the cap") {
  payq::testing::LogCapture log;
  payq::testing::FakeClock clock;
  WorkBell bell;
  std::stop_source stop;
  int opened = 0;
  std::latch last_attempt{1};
  const auto start = clock.steady_now();
  {
    ArrivalListener listener([&]() -> Result<std::unique_ptr<IntentArrivals>> {
      if (++opened == 10) {  // the tenth attempt is the last
        stop.request_stop();
        last_attempt.count_down();
      }
      return Status{StatusCode::kDatabase, "server unreachable"};
    }, bell, clock, stop.get_token());
    last_attempt.wait();
  }  // joined
  CHECK(opened == 10);
  // Nine waits between ten attempts: 0.5, 1, 2, 4, 8 s, then the 15 s cap four times.
  CHECK(clock.steady_now() - start == std::chrono::milliseconds(500 + 1000 + 2000 + 4000 + 8000 + 4 * 15000));
  CHECK_FALSE(bell.listening());
  CHECK(bell.generation() == 0);
  CHECK(count_containing(log.lines(), "cannot listen for new intents (server unreachable)") == 1);
}

TEST_CASE("a store without arrivals leaves the bell silent and not listening") {
  payq::testing::FakeClock clock;
  WorkBell bell;
  int opened = 0;
  std::latch asked{1};
  std::stop_source stop;
  {
    ArrivalListener listener([&]() -> Result<std::unique_ptr<IntentArrivals>> {
      ++opened;
      asked.count_down();
      return std::unique_ptr<IntentArrivals>();
    }, bell, clock, stop.get_token());
    asked.wait();
  }  // joined
  CHECK(opened == 1);
  CHECK_FALSE(bell.listening());
  CHECK(bell.generation() == 0);
}
