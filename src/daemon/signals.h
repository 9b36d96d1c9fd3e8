// daemon/signals.h — SignalWatcher: turns SIGTERM/SIGINT/SIGHUP into callbacks on one watcher thread.
// Start it on the main thread before any other thread exists, so every thread inherits the blocked mask.
#pragma once

#include <functional>
#include <memory>

#include "payq/status.h"

namespace payq::daemon {

// Run on the watcher thread, one at a time; each must return quickly (request, don't do, the work) and not throw.
struct SignalCallbacks {
  std::function<void()> on_stop;        // the first SIGTERM or SIGINT: stop soft
  std::function<void()> on_force_stop;  // every later SIGTERM or SIGINT: the operator insists
  std::function<void()> on_reload;      // SIGHUP: reopen logs, reload what can be reloaded
};

class SignalWatcher {
 public:
  // Blocks SIGTERM, SIGINT and SIGHUP in the calling thread and starts the watcher thread. One per process: two
  // watchers would race for each signal. A thread that already exists and does not block these signals would
  // take their default action (death) instead.
  static Result<SignalWatcher> start(SignalCallbacks callbacks);

  SignalWatcher(SignalWatcher&&) noexcept;
  SignalWatcher& operator=(SignalWatcher&&) noexcept;
  // Stops and joins the watcher, drops signals still pending, then restores the signal mask of the destroying
  // thread (destroy it on the thread that started it). A signal that arrives after that takes its default action.
  ~SignalWatcher();

  // Stops and joins the watcher thread without touching the mask; idempotent; never from a callback (it would
  // join itself). Signals stay blocked and pending.
  void stop();

 private:
  class Watch;
  explicit SignalWatcher(std::unique_ptr<Watch> watch);
  std::unique_ptr<Watch> watch_;
};

}  // namespace payq::daemon
