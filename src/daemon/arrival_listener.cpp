// daemon/arrival_listener.cpp — open, say so, ring on every arrival; on a broken session stop listening (submitters
// fall back to idle_check), say so once, and reopen with backoff. Logs name the database only as the store masks it.
#include "daemon/arrival_listener.h"

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

namespace payq::daemon {

ArrivalListener::ArrivalListener(Opener open, worker::WorkBell& bell, Clock& clock, std::stop_token stop)
    : open_(std::move(open)),
      bell_(bell),
      clock_(clock),
      thread_([this](std::stop_token done) { listen(done); }),
      forward_stop_(std::move(stop), [this] { thread_.request_stop(); }) {}

void ArrivalListener::listen(std::stop_token stop) {
  std::chrono::milliseconds backoff = kRelistenFirst;
  bool troubled = false;  // a warning was logged and no session has been heard from since
  while (!stop.stop_requested()) {
    auto opened = open_();
    if (opened && *opened == nullptr) return;  // the store cannot tell: submitters keep polling every idle_check
    if (opened) {
      spdlog::info(troubled ? "listening for new intents again" : "listening for new intents: submitters wake on "
                                                                  "every commit of new intents");
      troubled = false;
      bell_.set_listening(true);
      bell_.ring();  // whatever was committed before the session listened: have a look now
      const Status broken = ring_on_arrivals(**opened, stop, backoff);
      bell_.set_listening(false);
      if (broken) return;  // stopped
      spdlog::warn("not listening for new intents ({}); submitters look every idle check until it is back",
                   broken.message());
      troubled = true;
    } else if (!troubled) {
      spdlog::warn("cannot listen for new intents ({}); submitters look every idle check meanwhile, retrying",
                   opened.status().message());
      troubled = true;
    }
    if (!clock_.sleep_until(clock_.steady_now() + backoff, stop)) return;
    backoff = std::min(backoff * 2, kRelistenMax);
  }
}

// Rings for every arrival until stop (ok) or until the session breaks (its error). A session that answered once
// counts as healthy: the backoff starts afresh; one that breaks at once keeps doubling it (no log line per 0.5 s).
Status ArrivalListener::ring_on_arrivals(store::IntentArrivals& arrivals, std::stop_token stop,
                                         std::chrono::milliseconds& backoff) {
  while (!stop.stop_requested()) {
    auto arrived = arrivals.wait(kArrivalWait);
    if (!arrived) return arrived.status();
    backoff = kRelistenFirst;
    if (*arrived) bell_.ring();
  }
  return Status::ok();
}

}  // namespace payq::daemon
