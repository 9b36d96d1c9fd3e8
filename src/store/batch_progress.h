// store/batch_progress.h — how far a batch (or the whole queue) is: intents counted by local state and, for
// settled ones, whether the partner reported them paid. Read-only, one indexed query; one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "payq/status.h"

namespace payq::store {

struct BatchCounts {
  std::int64_t total = 0;
  std::int64_t final_count = 0;  // settled, failed, on_hold or cancelled: nothing more happens without a person
  std::int64_t paid = 0;         // settled with remote_status 'paid'
  std::int64_t unpaid = 0;       // settled otherwise (expired or cancelled at the partner)
  std::int64_t failed = 0;
  std::int64_t on_hold = 0;
  std::int64_t cancelled = 0;  // cancelled locally (payq cancel), never sent
  std::int64_t queued = 0;     // the states still moving, for `payq wait --format json`
  std::int64_t submitting = 0;
  std::int64_t submitted = 0;

  bool all_final() const { return final_count == total; }
};

class BatchProgress {
 public:
  virtual ~BatchProgress() = default;

  // Counts of the intents tagged `batch`, or of every intent when nullopt.
  virtual Result<BatchCounts> count(const std::optional<std::string>& batch) = 0;
};

}  // namespace payq::store
