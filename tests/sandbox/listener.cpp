// sandbox/listener.cpp — the listen loop and the refuse-mode outage: a helper thread stops the server at
// the outage start; run() waits out the window and binds the same port again.
#include "listener.h"

#include <thread>

namespace payq::sandbox {

Listener::Listener(httplib::Server& server, const Options& options, int port,
                   std::chrono::steady_clock::time_point start)
    : server_(server), options_(options), port_(port), start_(start) {}

void Listener::sleep_until(std::chrono::steady_clock::time_point t, const std::stop_token* stop) const {
  while (std::chrono::steady_clock::now() < t && !stopping_ && !(stop != nullptr && stop->stop_requested())) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Listener::close_for_outage(std::stop_token stop) {
  sleep_until(start_ + *options_.outage_at, &stop);
  while (!server_.is_running() && !stop.stop_requested() && !stopping_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // stop() only acts on a running server
  }
  if (!stop.stop_requested() && !stopping_) server_.stop();
}

bool Listener::run() {
  const bool refuses = options_.outage_mode == OutageMode::kRefuse && options_.outage_at.has_value();
  std::jthread outage;
  if (refuses) outage = std::jthread([this](std::stop_token stop) { close_for_outage(stop); });
  bool relistened = false;
  for (;;) {
    if (!server_.listen_after_bind()) return false;
    if (stopping_ || !refuses || relistened) return true;
    sleep_until(start_ + *options_.outage_at + options_.outage_for, nullptr);
    if (stopping_) return true;
    if (!server_.bind_to_port("127.0.0.1", port_)) return false;
    if (stopping_) return true;  // httplib's stop() is a no-op until listening starts
    relistened = true;
  }
}

void Listener::stop() {
  stopping_ = true;
  server_.stop();
}

}  // namespace payq::sandbox
