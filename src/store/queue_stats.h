// store/queue_stats.h — the counts the daemon reports and the "is anything left to do?" question behind
// `payq run --until-idle`. Read-only; one per thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "payq/status.h"

namespace payq::store {

class QueueStats {
 public:
  virtual ~QueueStats() = default;

  // True while any intent is queued, submitting or submitted (awaiting a poll). Three indexed probes.
  virtual Result<bool> has_open_work() = 0;
  struct OpenCounts {
    std::int64_t queued = 0;
    std::int64_t submitting = 0;
    std::int64_t submitted = 0;
  };
  // Intents still in the daemon's hands, counted from the partial indexes: cheap however much history the
  // table holds, so it can feed STATUS= every few seconds.
  virtual Result<OpenCounts> count_open() = 0;
  // Intents per local state (a full scan: for periodic summaries, not hot paths).
  virtual Result<std::map<std::string, std::int64_t>> count_by_state() = 0;
};

}  // namespace payq::store
