// support/fake_transport.h — a scripted HttpTransport: answers are queued per URL fragment and every
// request is recorded, so api/ tests run without sockets. Thread-safe; an optional hook runs before each answer.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_transport.h"
#include "api/request_gate.h"

namespace payq::testing {

inline api::HttpResponse http_response(int status, std::string body, api::HttpHeaders headers = {},
                                       std::string reason = {}) {
  api::HttpResponse response;
  response.status = status;
  response.reason = std::move(reason);
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

inline api::TransportError transport_error(api::TransportErrorClass error_class, std::string text = "fake") {
  return api::TransportError{error_class, std::move(text)};
}

class FakeTransport final : public api::HttpTransport {
 public:
  // Queues an answer for requests whose URL contains `fragment`; the last queued answer repeats.
  void push(const std::string& fragment, api::TransportResult result) {
    std::lock_guard lock(mutex_);
    scripts_[fragment].push_back(std::move(result));
  }
  // Runs (outside the lock) before a request whose URL contains `fragment` is answered.
  void before(const std::string& fragment, std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    hooks_[fragment] = std::move(hook);
  }

  api::TransportResult send(const api::HttpRequest& request) override {
    std::function<void()> hook;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      for (const auto& [fragment, h] : hooks_) {
        if (request.url.find(fragment) != std::string::npos) hook = h;
      }
    }
    if (hook) hook();
    std::lock_guard lock(mutex_);
    for (auto& [fragment, queue] : scripts_) {
      if (request.url.find(fragment) == std::string::npos || queue.empty()) continue;
      api::TransportResult next = queue.front();
      if (queue.size() > 1) queue.pop_front();
      return next;
    }
    return transport_error(api::TransportErrorClass::kNotSent, "no scripted answer for " + request.url);
  }

  std::vector<api::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int count(std::string_view fragment) const {
    std::lock_guard lock(mutex_);
    int n = 0;
    for (const auto& r : requests_) n += r.url.find(fragment) != std::string::npos ? 1 : 0;
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<api::TransportResult>> scripts_;  // guarded by mutex_
  std::map<std::string, std::function<void()>> hooks_;               // guarded by mutex_
  std::vector<api::HttpRequest> requests_;                           // guarded by mutex_
};

// A RequestGate that counts what it let through, or refuses everything once closed.
class CountingGate final : public api::RequestGate {
 public:
  Status acquire(api::RequestKind kind) override {
    std::lock_guard lock(mutex_);
    if (closed_) return Status(StatusCode::kUnavailable, "stopping");
    ++counts_[kind];
    return Status::ok();
  }
  int count(api::RequestKind kind) const {
    std::lock_guard lock(mutex_);
    const auto it = counts_.find(kind);
    return it == counts_.end() ? 0 : it->second;
  }
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }

 private:
  mutable std::mutex mutex_;
  std::map<api::RequestKind, int> counts_;  // guarded by mutex_
  bool closed_ = false;                     // guarded by mutex_
};

}  // namespace payq::testing
