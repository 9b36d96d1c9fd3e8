// sandbox/sandbox.h — the state of one payq-sandbox process shared by its routes, and the steps every
// partner endpoint shares: first one-way delay, outage, rate limit; second delay; stats. Thread-safe.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "faults.h"
#include "options.h"
#include "payment_store.h"
#include "rate_limiter.h"
#include "sandbox_clock.h"
#include "stats.h"
#include "token_registry.h"

namespace payq::sandbox {

struct Sandbox {
  Sandbox(const Options& o, std::chrono::steady_clock::time_point start)
      : options(o), limiter(o.rate_limit), store(o), faults(o, start) {}

  const Options options;
  int port = 0;  // the bound port, for payment_url
  SandboxClock clock;
  RateLimiter limiter;
  PaymentStore store;
  Faults faults;
  Stats stats;
  TokenRegistry tokens;
};

// What a route tells the wrapper about the answer it produced.
struct Exchange {
  bool drop = false;  // close the connection without an answer (done after the stats are recorded)
};

using Route = std::function<void(const httplib::Request&, httplib::Response&, Exchange&)>;

// Wraps a partner endpoint: arrival delay, outage, rate limit for `client_of(request)`, the route,
// the return delay, and the stats line under `endpoint`.
httplib::Server::Handler partner_endpoint(Sandbox& sandbox, std::string endpoint,
                                          std::function<std::string(const httplib::Request&)> client_of,
                                          Route route);

void json_error(httplib::Response& res, int status, const std::string& message);

void register_token_routes(httplib::Server& server, Sandbox& sandbox);
void register_payment_routes(httplib::Server& server, Sandbox& sandbox);
void register_admin_routes(httplib::Server& server, Sandbox& sandbox);

}  // namespace payq::sandbox
