// store/settle_history.h — the reconciler's own history, as the adaptive poll policy and `payq status` read it:
// the latest payment requests (pending and settled) with their poll sightings, and the reconciler's recent load.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

// One payment request the partner created (UTC ms).
struct SettleRecord {
  std::int64_t submitted_at = 0;           // the create's answer
  std::int64_t pending_seen_at = 0;        // the latest poll that found it pending (submitted_at before any)
  std::optional<std::int64_t> settled_at;  // the poll that found it paid, cancelled or expired
  std::string remote_status;
};

struct ReconcilerLoad {
  std::int64_t awaiting_poll = 0;    // submitted, pending at the partner
  std::int64_t polls_last_hour = 0;  // api_calls of kind poll started in the last hour
};

class SettleHistory {
 public:
  virtual ~SettleHistory() = default;

  // The `limit` most recently created requests still submitted or settled by a poll (not by a person), newest
  // first: an index range, cheap to re-read every minute.
  virtual Result<std::vector<SettleRecord>> recent(int limit) = 0;
  virtual Result<ReconcilerLoad> load(std::int64_t now_ms) = 0;
};

}  // namespace payq::store
