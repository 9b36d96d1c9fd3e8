// worker/claim_owners.h — hands out claim owners for this daemon start: its epoch plus a claim number unique
// within it. Thread-safe (one atomic counter); built once by the daemon after the epoch was recorded.
#pragma once

#include <atomic>
#include <cstdint>

#include "store/queue_store.h"

namespace payq::worker {

class ClaimOwners {
 public:
  explicit ClaimOwners(std::int64_t epoch) : epoch_(epoch) {}
  std::int64_t epoch() const { return epoch_; }
  store::ClaimOwner next() { return {epoch_, next_seq_.fetch_add(1, std::memory_order_relaxed) + 1}; }

 private:
  const std::int64_t epoch_;
  std::atomic<std::int64_t> next_seq_{0};
};

}  // namespace payq::worker
