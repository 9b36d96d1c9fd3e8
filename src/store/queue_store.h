// store/queue_store.h — the submit side of the queue: atomic claims with a lease, and the recording of each
// create outcome (submitted / retry / failed / on_hold) in one statement each; expired-lease discovery.
// One QueueStore per thread (it owns prepared statements on that thread's connection). Times are UTC ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "payq/status.h"

namespace payq::store {

struct ClaimedIntent {
  std::int64_t id = 0;
  std::string reference_id;
  std::string amount;
  std::string currency;
  std::string redirect_url;
  std::int64_t attempts = 0;          // counted attempts before this one
  bool ambiguous = false;             // an earlier attempt may have created a request
  std::int64_t first_attempt_at = 0;  // when the first attempt was claimed (this one, if it is the first)
};

// What a failed or interrupted attempt leaves on the intent besides its new state.
struct AttemptNote {
  std::string error;           // shown as last_error (the partner's message verbatim where there is one)
  bool counts = true;          // false for 429: not the intent's fault
  bool throttled = false;      // the partner answered 429
  bool ambiguous = false;      // a request may exist at the partner
  std::string observed_by = "submitter";
};

class QueueStore {
 public:
  explicit QueueStore(SQLite::Database& db);

  // Moves the oldest due queued intent to submitting with lease_until, in one statement; nullopt when none.
  Result<std::optional<ClaimedIntent>> claim(std::int64_t now_ms, std::int64_t lease_until_ms);

  // The create succeeded: remote id, status and body committed before anything else happens. Applies even
  // if the lease was recovered meanwhile (the request exists; re-sending it would duplicate it); kConflict
  // when the intent already holds a different remote id (then a duplicate exists at the partner).
  Status mark_submitted(std::int64_t id, const std::string& remote_id, const std::string& remote_status,
                        const std::string& payload, std::int64_t now_ms, std::int64_t next_poll_at_ms);

  // Back to queued, due again at next_attempt_at.
  Status reschedule(std::int64_t id, std::int64_t next_attempt_at_ms, const AttemptNote& note, std::int64_t now_ms);
  // To failed (permanent error, or attempts used up).
  Status fail(std::int64_t id, const AttemptNote& note, std::int64_t now_ms);
  // To on_hold: a person decides (ambiguous outcome under on_ambiguous=hold, or past the ambiguous window).
  Status hold(std::int64_t id, const AttemptNote& note, std::int64_t now_ms);

  // Intents whose claim expired (the daemon died or hung mid-call): each may or may not have reached the partner.
  Result<std::vector<ClaimedIntent>> expired_leases(std::int64_t now_ms);

  // Earliest next_attempt_at of a queued intent (nullopt when none is queued).
  Result<std::optional<std::int64_t>> next_attempt_due();

 private:
  Status leave_submitting(const char* state, std::int64_t id, std::optional<std::int64_t> next_attempt_at_ms,
                          const AttemptNote& note, std::int64_t now_ms);

  SQLite::Database& db_;
  SQLite::Statement claim_;
  SQLite::Statement submitted_;
  SQLite::Statement leave_;
};

}  // namespace payq::store
