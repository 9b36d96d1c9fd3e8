// store/queue_store.cpp — claim and outcome statements. Each outcome is a single UPDATE, so it is atomic
// with the transition row its trigger appends; state guards make a stale worker's write a visible no-op.
#include "store/queue_store.h"

#include "store/sqlite_error.h"

namespace payq::store {
namespace {

ClaimedIntent read_claimed(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getInt64(),
          q.getColumn(6).getInt() != 0, q.getColumn(7).getInt64()};
}

constexpr const char* kClaimedColumns =
    "id, reference_id, amount, currency, redirect_url, attempts, ambiguous, first_attempt_at";

}  // namespace

QueueStore::QueueStore(SQLite::Database& db)
    : db_(db),
      claim_(db, std::string("UPDATE payment_intents SET state = 'submitting', lease_until = :lease,"
                             " first_attempt_at = coalesce(first_attempt_at, :now), updated_at = :now,"
                             " changed_by = 'submitter', change_reason = NULL"
                             " WHERE id = (SELECT id FROM payment_intents WHERE state = 'queued'"
                             "             AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT 1)"
                             " RETURNING ") + kClaimedColumns),
      submitted_(db, "UPDATE payment_intents SET state = 'submitted', lease_until = NULL, remote_id = :remote_id,"
                     " remote_status = :status, remote_payload = :payload, submitted_at = :now, polls = 0,"
                     " next_poll_at = :next_poll, last_error = NULL, updated_at = :now, changed_by = 'submitter',"
                     " change_reason = 'payment request created'"
                     " WHERE id = :id AND (remote_id IS NULL OR remote_id = :remote_id)"),
      leave_(db, "UPDATE payment_intents SET state = :state, lease_until = NULL,"
                 " next_attempt_at = coalesce(:next_attempt, next_attempt_at), attempts = attempts + :counts,"
                 " throttled = throttled + :throttled, ambiguous = max(ambiguous, :ambiguous), last_error = :error,"
                 " updated_at = :now, changed_by = :by, change_reason = :error"
                 " WHERE id = :id AND state = 'submitting'") {}

Result<std::optional<ClaimedIntent>> QueueStore::claim(std::int64_t now_ms, std::int64_t lease_until_ms) {
  try {
    claim_.reset();
    claim_.bind(":lease", lease_until_ms);
    claim_.bind(":now", now_ms);
    if (!claim_.executeStep()) return std::optional<ClaimedIntent>{};
    auto claimed = read_claimed(claim_);
    claim_.reset();  // finishes the statement so its write commits now
    return std::optional<ClaimedIntent>(std::move(claimed));
  } catch (const std::exception& e) {
    claim_.tryReset();
    return to_status(e, "claim");
  }
}

Status QueueStore::mark_submitted(std::int64_t id, const std::string& remote_id, const std::string& remote_status,
                                  const std::string& payload, std::int64_t now_ms, std::int64_t next_poll_at_ms) {
  try {
    submitted_.reset();
    submitted_.bind(":id", id);
    submitted_.bind(":remote_id", remote_id);
    submitted_.bind(":status", remote_status);
    submitted_.bind(":payload", payload);
    submitted_.bind(":now", now_ms);
    submitted_.bind(":next_poll", next_poll_at_ms);
    if (submitted_.exec() == 1) return Status::ok();
    return {StatusCode::kConflict, "intent " + std::to_string(id) + " already holds another remote id than " +
                                       remote_id + ": the partner has two payment requests for it"};
  } catch (const std::exception& e) {
    submitted_.tryReset();
    return to_status(e, "record remote id " + remote_id + " of intent " + std::to_string(id));
  }
}

Status QueueStore::leave_submitting(const char* state, std::int64_t id, std::optional<std::int64_t> next_attempt_at_ms,
                                    const AttemptNote& note, std::int64_t now_ms) {
  try {
    leave_.reset();
    leave_.bind(":state", state);
    leave_.bind(":id", id);
    if (next_attempt_at_ms) {
      leave_.bind(":next_attempt", *next_attempt_at_ms);
    } else {
      leave_.bind(":next_attempt");
    }
    leave_.bind(":counts", note.counts ? 1 : 0);
    leave_.bind(":throttled", note.throttled ? 1 : 0);
    leave_.bind(":ambiguous", note.ambiguous ? 1 : 0);
    leave_.bind(":error", note.error);
    leave_.bind(":now", now_ms);
    leave_.bind(":by", note.observed_by);
    if (leave_.exec() == 1) return Status::ok();
    return {StatusCode::kConflict, "intent " + std::to_string(id) + " is no longer submitting; outcome not recorded"};
  } catch (const std::exception& e) {
    leave_.tryReset();
    return to_status(e, std::string("move intent ") + std::to_string(id) + " to " + state);
  }
}

Status QueueStore::reschedule(std::int64_t id, std::int64_t next_attempt_at_ms, const AttemptNote& note,
                              std::int64_t now_ms) {
  return leave_submitting("queued", id, next_attempt_at_ms, note, now_ms);
}

Status QueueStore::fail(std::int64_t id, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("failed", id, std::nullopt, note, now_ms);
}

Status QueueStore::hold(std::int64_t id, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("on_hold", id, std::nullopt, note, now_ms);
}

Result<std::vector<ClaimedIntent>> QueueStore::expired_leases(std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, std::string("SELECT ") + kClaimedColumns +
                                 " FROM payment_intents WHERE state = 'submitting' AND lease_until <= ? ORDER BY id");
    q.bind(1, now_ms);
    std::vector<ClaimedIntent> out;
    while (q.executeStep()) out.push_back(read_claimed(q));
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "find expired leases");
  }
}

Result<std::optional<std::int64_t>> QueueStore::next_attempt_due() {
  try {
    SQLite::Statement q(db_, "SELECT min(next_attempt_at) FROM payment_intents WHERE state = 'queued'");
    q.executeStep();
    if (q.getColumn(0).isNull()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(q.getColumn(0).getInt64());
  } catch (const std::exception& e) {
    return to_status(e, "next queued intent");
  }
}

}  // namespace payq::store
