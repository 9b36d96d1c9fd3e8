// sandbox/listener.h — runs the httplib server on its bound port until stop(), and in refuse mode closes
// the listening socket for the outage window (clients get "connection refused"), then listens again.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <stop_token>

#include "options.h"

namespace payq::sandbox {

class Listener {
 public:
  Listener(httplib::Server& server, const Options& options, int port, std::chrono::steady_clock::time_point start);

  bool run();   // blocks until stop(); false when listening failed
  void stop();  // from another thread; idempotent

 private:
  void close_for_outage(std::stop_token stop);
  void sleep_until(std::chrono::steady_clock::time_point t, const std::stop_token* stop) const;

  httplib::Server& server_;
  const Options& options_;
  const int port_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<bool> stopping_{false};
};

}  // namespace payq::sandbox
