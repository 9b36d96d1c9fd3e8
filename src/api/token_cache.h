// api/token_cache.h — the process-wide OAuth client_credentials token: fetched on demand, refreshed
// early on the steady clock, dropped on a 401. Thread-safe; concurrent callers share one fetch.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_settings.h"
#include "api/call_record.h"
#include "api/http_transport.h"
#include "api/outcome.h"
#include "api/redact.h"
#include "api/request_gate.h"
#include "common/clock.h"

namespace payq::api {

struct TokenResult {
  Outcome outcome = Outcome::kSuccess;
  std::string access_token;  // on success only; a credential: never logged or stored
  // Why it failed: the HTTP status and a plain OAuth error code ("token endpoint: HTTP 401 invalid_client"),
  // or the transport's description. Never the endpoint's body: a partner may echo our request in it.
  std::string error;
  std::optional<std::chrono::milliseconds> retry_after;
};

class TokenCache {
 public:
  // A token with expires_in of 3600 s is refreshed 360 s early; the early margin is at least 10 s but
  // never more than half the lifetime (else a short-lived token would be refetched on every call).
  static constexpr std::chrono::seconds kMinEarlyRefresh{10};
  static constexpr std::chrono::seconds kDefaultLifetime{3600};  // when a response omits expires_in
  // A failed early refresh keeps the old token while it lives and tries again after this long.
  static constexpr std::chrono::seconds kRefreshRetry{5};

  TokenCache(Clock& clock, RequestGate& gate, const ApiSettings& settings);

  // The held token while it is fresh; otherwise one fetch through the caller's transport, shared with
  // every caller that arrives meanwhile (they all get its result). The token call is reported to sink.
  // When the fetch fails but the held token has not expired yet, that token is returned instead.
  TokenResult token(HttpTransport& transport, const CallSink& sink);

  // A 401 answered `stale`: drop it, unless another caller has already replaced it.
  void invalidate(std::string_view stale);

  // The operator fixed the secret (SIGHUP): the next fetch uses it, and the held token is dropped.
  void replace_client_secret(std::string secret);

 private:
  TokenResult fetch(HttpTransport& transport, const CallSink& sink);
  HttpRequest build_request() const;
  // Keeps the outcome of a fetch; returns what the callers get (the old token when a refresh failed).
  TokenResult store(TokenResult result, std::int64_t expires_in_s, std::chrono::steady_clock::time_point started);

  Clock& clock_;
  RequestGate& gate_;
  const std::string token_url_;
  const std::string client_id_;
  std::string client_secret_;  // guarded by mutex_
  const bool basic_auth_;
  Redactor redactor_;  // guarded by mutex_; the client secret, for the transport's description

  std::mutex mutex_;
  std::condition_variable_any fetched_;              // signalled (through clock_) when a fetch ends
  std::string token_;                                // guarded by mutex_
  std::chrono::steady_clock::time_point refresh_at_;  // guarded by mutex_
  std::chrono::steady_clock::time_point expires_at_;  // guarded by mutex_
  bool fetching_ = false;                            // guarded by mutex_
  std::uint64_t fetches_ = 0;                        // guarded by mutex_; counts finished fetches
  bool last_failed_ = false;                         // guarded by mutex_
  TokenResult last_failure_;                         // guarded by mutex_; the last fetch's, when it failed
};

}  // namespace payq::api
