// metrics/http_endpoint.h — GET /metrics over HTTP (cpp-httplib) on the address metrics.listen names, served from
// its own thread with a small pool; every scrape renders the Registry, which never touches the database.
// start() binds (a port in use is the caller's startup error), serve() answers; the destructor stops and joins.
#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "config/listen_address.h"
#include "metrics/registry.h"
#include "payq/status.h"

namespace payq::metrics {

class HttpEndpoint {
 public:
  // Binds and listens; kConfig naming the address when it cannot (in use, not an address of this host, not
  // resolvable). Connections wait in the backlog until serve(), so a scrape at start is answered once there is data.
  static Result<std::unique_ptr<HttpEndpoint>> start(const config::ListenAddress& address, const Registry& registry);
  // Starts answering on the serving thread. Once only.
  void serve();
  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  // Idempotent; returns once the serving thread has ended.
  void stop();

 private:
  struct Server;
  explicit HttpEndpoint(std::unique_ptr<Server> server);

  std::unique_ptr<Server> server_;
  std::atomic<bool> finished_{false};  // set by the serving thread when listen returns
  std::jthread thread_;
};

}  // namespace payq::metrics
