// metrics/registry.h — the daemon's in-process metrics: API calls by kind and outcome, 429s, ambiguous outcomes,
// call latency and time from creation to payment, plus the latest database-derived families (set by maintenance).
// Thread-safe (one mutex): workers record, the HTTP endpoint reads. Built once by the daemon, passed by reference.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "api/call_record.h"
#include "metrics/exposition.h"

namespace payq::metrics {

// Upper bounds (seconds) of the latency histogram: loopback milliseconds up to api.timeout's range.
inline const std::vector<double> kCallLatencyBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
// Upper bounds (seconds) of the creation-to-payment histogram: a customer pays in seconds or in a day.
inline const std::vector<double> kToPaymentBounds = {5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400};

class Registry {
 public:
  Registry();

  // One HTTP attempt, as the API client reported it (worker threads).
  void record_call(const api::CallRecord& call);
  // A poll found an intent paid this long after the intent was created (the reconciler).
  void record_payment(std::chrono::milliseconds since_creation);
  // The figures read from the database (and the limiter), replacing the previous ones (maintenance thread).
  void set_sampled(std::vector<Family> families);

  // Everything for one scrape: the in-process families, then the sampled ones.
  std::vector<Family> families() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> in_bucket;
    double sum = 0;
  };
  static void observe(Histogram& histogram, const std::vector<double>& bounds, double value);

  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::uint64_t> calls_;  // {kind, outcome}; guarded by mutex_
  std::map<std::string, std::uint64_t> rate_limited_;        // by kind; guarded by mutex_
  std::map<std::string, std::uint64_t> ambiguous_;           // by kind; guarded by mutex_
  std::map<std::string, Histogram> latency_;                 // by kind; guarded by mutex_
  Histogram to_payment_;                                     // guarded by mutex_
  std::vector<Family> sampled_;                              // guarded by mutex_
};

}  // namespace payq::metrics
