// daemon/arrival_listener.h — the leader's ear for new intents: a thread that waits on the store's IntentArrivals and
// rings the submitters' bell, reconnecting with backoff when its session breaks. Owns its thread; joined on stop.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <thread>

#include "common/clock.h"
#include "payq/status.h"
#include "store/intent_arrivals.h"
#include "worker/work_bell.h"

namespace payq::daemon {

// How long one wait for arrivals blocks: also how long stopping may wait for the listener's thread.
inline constexpr std::chrono::milliseconds kArrivalWait{500};
// Reconnecting after the session broke: the first retry after kRelistenFirst, then twice as long each time up to
// kRelistenMax (until a session answers a wait). Meanwhile the bell is not listening, so submitters look every
// idle_check: nothing is missed.
inline constexpr std::chrono::milliseconds kRelistenFirst{500};
inline constexpr std::chrono::milliseconds kRelistenMax{std::chrono::seconds(15)};

class ArrivalListener {
 public:
  // Opens a session of the store's IntentArrivals; nullptr when the store cannot tell (the thread then ends at once
  // and the bell never listens).
  using Opener = std::function<Result<std::unique_ptr<store::IntentArrivals>>()>;

  // Starts the thread; it stops when `stop` is requested or this object is destroyed (which joins it).
  ArrivalListener(Opener open, worker::WorkBell& bell, Clock& clock, std::stop_token stop);
  ArrivalListener(const ArrivalListener&) = delete;
  ArrivalListener& operator=(const ArrivalListener&) = delete;

 private:
  void listen(std::stop_token stop);
  Status ring_on_arrivals(store::IntentArrivals& arrivals, std::stop_token stop, std::chrono::milliseconds& backoff);

  Opener open_;
  worker::WorkBell& bell_;
  Clock& clock_;
  std::jthread thread_;
  std::stop_callback<std::function<void()>> forward_stop_;  // the daemon's stop, passed on to thread_
};

}  // namespace payq::daemon
