// store/queue_store.h — the submit side of the queue: fenced claims (owner = daemon epoch + claim number), the
// conditional recording of each create outcome, orphan candidates for remote ids no claim could take, and the
// claims a new epoch must recover. One per connection, one thread. Times are UTC ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

// Who holds a claim: the daemon start (epoch) and a number unique within it. A claim made before claims had
// owners reads as {0, 0}.
struct ClaimOwner {
  std::int64_t epoch = 0;
  std::int64_t seq = 0;
  bool operator==(const ClaimOwner&) const = default;
};

struct ClaimedIntent {
  std::int64_t id = 0;
  std::string reference_id;
  std::string amount;
  std::string currency;
  std::string redirect_url;
  std::int64_t attempts = 0;          // counted attempts before this one
  bool ambiguous = false;             // an earlier attempt may have created a request
  std::int64_t first_attempt_at = 0;  // when the first attempt was claimed (this one, if it is the first)
  ClaimOwner owner;
};

// What a failed or interrupted attempt leaves on the intent besides its new state.
struct AttemptNote {
  std::string error;       // shown as last_error (the partner's message verbatim where there is one)
  bool counts = true;      // false for 429 and partner outages: not the intent's fault
  bool throttled = false;  // the partner answered 429
  bool ambiguous = false;  // a request may exist at the partner
  std::string observed_by = "submitter";
};

// Where a received remote id was committed.
enum class CreatedRecord {
  kAttached,  // on the intent: it is submitted
  kOrphan,    // in orphan_candidates: the claim was lost or the intent holds another remote id
};

class QueueStore {
 public:
  virtual ~QueueStore() = default;

  // Moves the oldest due queued intent to submitting, owned by `owner`, in one statement; nullopt when none.
  virtual Result<std::optional<ClaimedIntent>> claim(ClaimOwner owner, std::int64_t now_ms,
                                                     std::int64_t lease_until_ms) = 0;

  // Right before sending: the claim is still this owner's (extends its lease). kConflict when it was lost.
  // Not fsynced: losing an extension in a power cut costs nothing, and no disk wait sits before the send.
  virtual Status confirm(const ClaimedIntent& intent, std::int64_t lease_until_ms) = 0;

  // The create succeeded. One transaction: while the claim is still ours the intent becomes submitted with the
  // remote id, status and body; otherwise (claim lost, another remote id held, the id taken by another intent)
  // the id is kept in orphan_candidates with the reason. Either way the id is committed when this returns ok.
  // payment_url: the customer's link, already checked by api/payment_link.h (NULL when absent).
  virtual Result<CreatedRecord> record_created(const ClaimedIntent& intent, const std::string& remote_id,
                                               const std::string& remote_status, const std::string& payload,
                                               std::int64_t now_ms, std::int64_t next_poll_at_ms,
                                               const std::optional<std::string>& payment_url = std::nullopt) = 0;

  // Outcomes that leave submitting; each applies only while the claim is still the intent's owner's
  // (kConflict otherwise: nothing written).
  // Back to queued, due at next_attempt_at.
  virtual Status reschedule(const ClaimedIntent& intent, std::int64_t next_attempt_at_ms, const AttemptNote& note,
                            std::int64_t now_ms) = 0;
  virtual Status fail(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) = 0;
  // On hold: a person decides.
  virtual Status hold(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) = 0;
  // Nothing was sent (stopping, the budget paused, the partner unreachable): back to queued, due now, as if
  // never claimed; no attempt counted and the last error kept.
  virtual Status release(const ClaimedIntent& intent, const std::string& why, std::int64_t now_ms) = 0;

  // Claims a new epoch recovers: submitting intents owned by another (earlier) epoch, or by none, whose lease
  // ended by `leases_ended_by_ms`. Never the claims of `own_epoch`: those are live threads of this process.
  virtual Result<std::vector<ClaimedIntent>> claims_to_recover(std::int64_t own_epoch,
                                                               std::int64_t leases_ended_by_ms) = 0;

  // Earliest next_attempt_at of a queued intent (nullopt when none is queued).
  virtual Result<std::optional<std::int64_t>> next_attempt_due() = 0;
};

}  // namespace payq::store
