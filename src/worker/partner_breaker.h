// worker/partner_breaker.h — the partner as a whole: reachable, unreachable (connect/DNS/TLS failures, token
// endpoint down, 5xx) or refusing our credentials. An outage is the process's problem, not an intent's: while
// the breaker is open nobody claims or polls, and once its backoff ends exactly one request probes. Thread-safe.
// Each episode is logged at error once, with the intent whose call found it; failed probes are summarised.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "api/payment_api.h"
#include "common/clock.h"
#include "common/episode_log.h"
#include "common/intent_log.h"

namespace payq::worker {

// What one API result says about the partner (not about the intent). Decided here, once.
enum class PartnerSignal {
  kAnswered,              // it answered something meaningful (2xx, 4xx, 429): reachable
  kUnreachable,           // nothing usable came back: not sent, token endpoint failing, 5xx, maybe-sent poll
  kCredentialsRejected,   // 401 after a fresh token, or the token endpoint refused our client credentials
  kNotTried,              // the request never left for a local reason (stopping, claim lost, breaker)
};
PartnerSignal partner_signal(const api::ApiResult& result);

struct BreakerOptions {
  std::chrono::milliseconds first_backoff{std::chrono::seconds(1)};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(1)};
};

class PartnerBreaker {
 public:
  PartnerBreaker(Clock& clock, BreakerOptions options);

  // Non-reserving look, before claiming or polling: nullopt when requests may go (closed, or a probe is due);
  // otherwise when to look again (credentials rejected: a far time, until credentials_reloaded()).
  std::optional<std::chrono::steady_clock::time_point> blocked_until();
  // Right before a send: true when it may go. While open and due for a probe, exactly one caller gets true
  // until that caller reports its result.
  bool admit();
  // The result of a request that admit() let through; `about` names its intent in the line that opens an episode.
  void report(PartnerSignal signal, const std::string& detail, const IntentFields& about = {});
  // SIGHUP re-read the secret: try again with one probe.
  void credentials_reloaded();
  // What is wrong now, for STATUS=, the heartbeat and payq status; nullopt when closed.
  std::optional<std::string> problem();

 private:
  enum class State { kClosed, kOpen, kCredentials };
  void open_locked(State state, const std::string& detail, const IntentFields& about);

  Clock& clock_;
  const BreakerOptions options_;
  std::mutex mutex_;
  State state_ = State::kClosed;                        // guarded by mutex_
  std::chrono::milliseconds backoff_{0};                // guarded by mutex_; the current open period
  std::chrono::steady_clock::time_point retry_at_{};    // guarded by mutex_
  bool probing_ = false;                                // guarded by mutex_; a probe is in flight
  std::string detail_;                                  // guarded by mutex_
  std::chrono::system_clock::time_point since_{};       // guarded by mutex_
  EpisodeLog unreachable_;  // the outage's failed requests: its first line, then a summary a minute
};

}  // namespace payq::worker
