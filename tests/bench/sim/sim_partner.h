// sim/sim_partner.h — the partner Payment API in-process: token, create and poll answered in virtual time, the
// 5 req/s rolling window enforced as the real partner would, and what each payment cost and when it was seen.
// Thread-safe (one mutex, never held across the clock); PartnerTransport gives each worker thread its own door.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/http_transport.h"
#include "common/clock.h"
#include "sim/workload.h"

namespace payq::sim {

struct PartnerOptions {
  Workload workload;
  std::uint64_t seed = 1;
  std::chrono::milliseconds latency{0};    // round trip: half before the request is counted, half after
  std::chrono::seconds token_lifetime{3600};
  int limit = 5;                           // requests in any rolling window
  std::chrono::milliseconds window{1000};
};

// One payment request as the partner sees it.
struct PaymentRecord {
  std::string reference_id;
  std::string final_status;  // paid, cancelled or expired
  std::chrono::steady_clock::time_point created;
  std::chrono::steady_clock::time_point changes_at;
  int polls = 0;
  std::optional<std::chrono::steady_clock::time_point> seen_at;  // the first poll that answered final_status
};

struct PartnerStats {
  std::int64_t token_calls = 0;
  std::int64_t create_calls = 0;
  std::int64_t poll_calls = 0;
  std::int64_t throttled = 0;       // 429 answers
  std::int64_t unauthorized = 0;    // 401 answers (expired or unknown token)
  std::int64_t over_limit = 0;      // arrivals that found the rolling window full: the invariant is 0
  int busiest_window = 0;           // most arrivals seen in one rolling window
  std::optional<std::chrono::steady_clock::duration> last_create;  // since start: creates' time to drain
  std::vector<std::int64_t> polls_per_hour;                        // index: hours since start
  std::vector<PaymentRecord> payments;                             // in creation order
};

class SimPartner {
 public:
  SimPartner(Clock& clock, PartnerOptions options);

  api::TransportResult send(const api::HttpRequest& request);
  PartnerStats stats();

 private:
  api::HttpResponse answer_locked(const api::HttpRequest& request, std::chrono::steady_clock::time_point now);
  api::HttpResponse token_locked(std::chrono::steady_clock::time_point now);
  api::HttpResponse create_locked(const api::HttpRequest& request, std::chrono::steady_clock::time_point now);
  api::HttpResponse poll_locked(const std::string& id, std::chrono::steady_clock::time_point now);
  bool authorized_locked(const api::HttpRequest& request, std::chrono::steady_clock::time_point now) const;
  bool admit_locked(std::chrono::steady_clock::time_point now);

  Clock& clock_;
  const PartnerOptions options_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::deque<std::chrono::steady_clock::time_point> arrivals_;  // guarded by mutex_: the rolling window
  std::map<std::string, std::chrono::steady_clock::time_point> tokens_;  // guarded by mutex_: token -> expiry
  std::map<std::string, std::size_t> by_id_;                    // guarded by mutex_: remote id -> payments index
  PartnerStats stats_;                                          // guarded by mutex_
};

// One worker thread's transport: forwards to the shared partner.
class PartnerTransport final : public api::HttpTransport {
 public:
  explicit PartnerTransport(SimPartner& partner) : partner_(partner) {}
  api::TransportResult send(const api::HttpRequest& request) override { return partner_.send(request); }

 private:
  SimPartner& partner_;
};

}  // namespace payq::sim
