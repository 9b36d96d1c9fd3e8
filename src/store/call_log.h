// store/call_log.h — appends one api_calls row per HTTP attempt and prunes old rows in small batches.
// Knows nothing about HTTP: the caller passes plain values. One CallLog per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "payq/status.h"

namespace payq::store {

struct CallRow {
  std::optional<std::int64_t> intent_id{};  // nullopt for a token call
  std::string kind;                         // token, create, poll
  std::int64_t started_at_ms = 0;
  std::int64_t latency_ms = 0;
  std::optional<int> http_status{};
  std::optional<std::string> transport_error{};  // not_sent, maybe_sent
  std::string outcome;                           // success, retryable, rate_limited, ambiguous, permanent, unauthorized
  bool ambiguous = false;
  std::optional<std::string> error{};
};

class CallLog {
 public:
  virtual ~CallLog() = default;

  virtual Status append(const CallRow& row) = 0;
  // Deletes up to `batch` rows started before `cutoff_ms`; returns how many went.
  virtual Result<int> prune(std::int64_t cutoff_ms, int batch) = 0;
};

}  // namespace payq::store
