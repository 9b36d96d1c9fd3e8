// sandbox/payment_store.h — the payment requests the sandbox created, their deterministic fate (seeded:
// which final status, after how long) and how often each reference_id was created. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "options.h"

namespace payq::sandbox {

struct Payment {
  std::string id;
  std::string amount;
  std::string currency;
  std::string redirect_url;
  std::optional<std::string> reference_id;
  std::chrono::steady_clock::time_point created;       // sandbox clock
  std::chrono::system_clock::time_point created_wall;  // sandbox clock
  std::string fate;                                    // status after settle_after; "pending": never settles
  std::chrono::milliseconds settle_after{0};
};

// The status a payment shows at `now`.
std::string status_at(const Payment& payment, std::chrono::steady_clock::time_point now);

class PaymentStore {
 public:
  explicit PaymentStore(const Options& options) : options_(options) {}

  // Stores a new payment (fields already validated) and decides its fate from the seed and its number.
  Payment create(Payment fields);
  std::optional<Payment> find(const std::string& id) const;

  std::size_t size() const;
  std::vector<std::pair<std::string, int>> duplicates() const;  // reference_ids created more than once
  std::vector<std::pair<std::string, std::string>> created() const;  // (id, reference_id) of every payment
  std::vector<Payment> all() const;                                    // every payment, by id

 private:
  const Options options_;
  mutable std::mutex mutex_;
  std::uint64_t next_ = 0;                    // guarded by mutex_
  std::map<std::string, Payment> payments_;   // guarded by mutex_
  std::map<std::string, int> by_reference_;   // guarded by mutex_
};

}  // namespace payq::sandbox
