// store/intent_reader.h — read-only queries over intents and their history for list/show/wait and reports.
// Streams rows through a callback so listing a million intents keeps memory flat. One thread per reader.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

struct IntentFilter {
  std::optional<std::string> state;
  std::optional<std::string> batch;
};

// What `payq list` selects: the filter, then the partner's status, a window on created_at and a row limit. Every
// part is applied in SQL, so a limit stops the scan early and nothing unwanted is read.
struct ListQuery {
  IntentFilter filter;
  std::optional<std::string> remote_status;  // exact match
  bool without_remote_status = false;        // remote_status IS NULL (no payment request known yet)
  std::optional<std::int64_t> since_ms;      // created_at >= since_ms (UTC ms)
  std::optional<std::int64_t> until_ms;      // created_at <= until_ms
  std::optional<std::int64_t> limit;         // at most this many rows, the first in id order
};

struct IntentRecord {
  std::int64_t id = 0;
  std::string reference_id;
  std::string state;
  std::string amount;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::string redirect_url;
  std::optional<std::string> batch;
  std::optional<std::string> remote_id;
  std::optional<std::string> remote_status;
  std::optional<std::string> remote_payload;
  std::int64_t attempts = 0;
  std::int64_t throttled = 0;
  std::int64_t polls = 0;
  bool ambiguous = false;
  std::optional<std::string> last_error;
  std::int64_t created_at = 0;  // UTC ms
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> next_attempt_at;  // set while queued
  std::optional<std::int64_t> next_poll_at;     // set while submitted
  std::optional<std::int64_t> settled_at;
  std::optional<std::string> payment_url;  // the customer's link from the partner's create answer
};

struct TransitionRecord {
  std::string field;  // "state" or "remote_status"
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  std::int64_t at = 0;
  std::string observed_by;
  std::optional<std::string> detail;
};

// The local states of docs/design.md §3 (the schema's state_known CHECK), in lifecycle order.
inline constexpr std::array<std::string_view, 7> kIntentStates = {"queued", "submitting", "submitted", "settled",
                                                                  "failed", "on_hold",    "cancelled"};
bool is_known_state(std::string_view state);

class IntentReader {
 public:
  virtual ~IntentReader() = default;

  // Calls `row` for each matching intent in id order; stops early when it returns false.
  virtual Status for_each(const ListQuery& query, const std::function<bool(const IntentRecord&)>& row) = 0;
  // nullopt when no intent has this reference.
  virtual Result<std::optional<IntentRecord>> find(const std::string& reference_id) = 0;
  virtual Result<std::vector<TransitionRecord>> transitions(std::int64_t intent_id) = 0;
};

}  // namespace payq::store
