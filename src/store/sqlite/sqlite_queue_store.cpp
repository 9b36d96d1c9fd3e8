// store/sqlite/sqlite_queue_store.cpp — claim and outcome statements. Every outcome is one UPDATE guarded by the
// claim's owner (state = 'submitting' and the same epoch and claim number), so a stale worker's write is a visible
// no-op.
#include "store/sqlite/sqlite_queue_store.h"

#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

ClaimedIntent read_claimed(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(),  q.getColumn(1).getString(), q.getColumn(2).getString(),
          q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getInt64(),
          q.getColumn(6).getInt() != 0, q.getColumn(7).getInt64(),
          ClaimOwner{q.getColumn(8).getInt64(), q.getColumn(9).getInt64()}};
}

constexpr const char* kClaimedColumns =
    "id, reference_id, amount, currency, redirect_url, attempts, ambiguous, coalesce(first_attempt_at, 0),"
    " coalesce(claim_epoch, 0), coalesce(claim_seq, 0)";

// The fence of every outcome write. `IS` so that a claim made before claims had owners ({0, 0} read as NULL)
// is matched by the rescuer that recovers it.
constexpr const char* kOwnedBy =
    " WHERE id = :id AND state = 'submitting' AND coalesce(claim_epoch, 0) = :epoch"
    " AND coalesce(claim_seq, 0) = :seq";

void bind_owner(SQLite::Statement& q, const ClaimedIntent& intent) {
  q.bind(":id", intent.id);
  q.bind(":epoch", intent.owner.epoch);
  q.bind(":seq", intent.owner.seq);
}

// Runs one statement on a connection whose commits skip the fsync, then restores full durability.
class RelaxedSync {
 public:
  explicit RelaxedSync(SQLite::Database& db) : db_(db) { db_.exec("PRAGMA synchronous=NORMAL"); }
  ~RelaxedSync() {
    try {
      db_.exec("PRAGMA synchronous=FULL");
    } catch (...) {  // a pragma on an open connection does not fail; never throw from a destructor
    }
  }
  RelaxedSync(const RelaxedSync&) = delete;
  RelaxedSync& operator=(const RelaxedSync&) = delete;

 private:
  SQLite::Database& db_;
};

}  // namespace

SqliteQueueStore::SqliteQueueStore(SQLite::Database& db)
    : db_(db),
      claim_(db, std::string("UPDATE payment_intents SET state = 'submitting', lease_until = :lease,"
                             " claim_epoch = :epoch, claim_seq = :seq,"
                             " first_attempt_at = coalesce(first_attempt_at, :now), updated_at = :now,"
                             " changed_by = 'submitter', change_reason = NULL"
                             " WHERE id = (SELECT id FROM payment_intents WHERE state = 'queued'"
                             "             AND next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT 1)"
                             " RETURNING ") + kClaimedColumns),
      confirm_(db, std::string("UPDATE payment_intents SET lease_until = :lease") + kOwnedBy),
      submitted_(db, std::string("UPDATE payment_intents SET state = 'submitted', lease_until = NULL,"
                                 " claim_epoch = NULL, claim_seq = NULL, remote_id = :remote_id,"
                                 " remote_status = :status, remote_payload = :payload, payment_url = :payment_url,"
                                 " submitted_at = :now,"
                                 " polls = 0, not_found_polls = 0, next_poll_at = :next_poll, last_error = NULL,"
                                 " updated_at = :now, changed_by = 'submitter',"
                                 " change_reason = 'payment request created'") +
                         kOwnedBy + " AND (remote_id IS NULL OR remote_id = :remote_id)"),
      leave_(db, std::string("UPDATE payment_intents SET state = :state, lease_until = NULL, claim_epoch = NULL,"
                             " claim_seq = NULL, next_attempt_at = coalesce(:next_attempt, next_attempt_at),"
                             " attempts = attempts + :counts, throttled = throttled + :throttled,"
                             " ambiguous = max(ambiguous, :ambiguous), last_error = coalesce(:error, last_error),"
                             " updated_at = :now, changed_by = :by, change_reason = coalesce(:reason, :error)") +
                     kOwnedBy) {}

Result<std::optional<ClaimedIntent>> SqliteQueueStore::claim(ClaimOwner owner, std::int64_t now_ms,
                                                       std::int64_t lease_until_ms) {
  try {
    claim_.reset();
    claim_.bind(":lease", lease_until_ms);
    claim_.bind(":now", now_ms);
    claim_.bind(":epoch", owner.epoch);
    claim_.bind(":seq", owner.seq);
    if (!claim_.executeStep()) return std::optional<ClaimedIntent>{};
    auto claimed = read_claimed(claim_);
    claim_.reset();  // finishes the statement so its write commits now
    return std::optional<ClaimedIntent>(std::move(claimed));
  } catch (const std::exception& e) {
    claim_.tryReset();
    return to_status(e, "claim");
  }
}

Status SqliteQueueStore::confirm(const ClaimedIntent& intent, std::int64_t lease_until_ms) {
  try {
    RelaxedSync relaxed(db_);
    confirm_.reset();
    bind_owner(confirm_, intent);
    confirm_.bind(":lease", lease_until_ms);
    if (confirm_.exec() == 1) return Status::ok();
    return {StatusCode::kConflict, "ref=" + intent.reference_id + ": claim lost before sending; not sent"};
  } catch (const std::exception& e) {
    confirm_.tryReset();
    return to_status(e, "confirm the claim of ref=" + intent.reference_id);
  }
}

Result<CreatedRecord> SqliteQueueStore::record_created(const ClaimedIntent& intent, const std::string& remote_id,
                                                 const std::string& remote_status, const std::string& payload,
                                                 std::int64_t now_ms, std::int64_t next_poll_at_ms,
                                                 const std::optional<std::string>& payment_url) {
  const std::string context = "record remote id " + remote_id + " of ref=" + intent.reference_id;
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::string attach_failure;
    try {
      submitted_.reset();
      bind_owner(submitted_, intent);
      submitted_.bind(":remote_id", remote_id);
      submitted_.bind(":status", remote_status);
      submitted_.bind(":payload", payload);
      if (payment_url) {
        submitted_.bind(":payment_url", *payment_url);
      } else {
        submitted_.bind(":payment_url");
      }
      submitted_.bind(":now", now_ms);
      submitted_.bind(":next_poll", next_poll_at_ms);
      if (submitted_.exec() == 1) {
        transaction.commit();
        return CreatedRecord::kAttached;
      }
    } catch (const SQLite::Exception& e) {
      submitted_.tryReset();
      // Only a constraint (the id is another intent's) is kept as an orphan; anything else is a database failure.
      if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT) throw;
      attach_failure = e.what();
    }
    auto orphan = record_orphan(intent, remote_id, remote_status, payload, now_ms, attach_failure);
    if (orphan) transaction.commit();
    return orphan;
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
}

// Inside record_created's transaction: says why the id could not go on the intent and keeps it beside it.
Result<CreatedRecord> SqliteQueueStore::record_orphan(const ClaimedIntent& intent, const std::string& remote_id,
                                                const std::string& remote_status, const std::string& payload,
                                                std::int64_t now_ms, const std::string& attach_failure) {
  SQLite::Statement now_state(db_, "SELECT state, coalesce(remote_id, '') FROM payment_intents WHERE id = ?");
  now_state.bind(1, intent.id);
  std::string reason = "created after the claim was lost";
  if (now_state.executeStep()) {
    const std::string held = now_state.getColumn(1).getString();
    reason += " (intent is now " + now_state.getColumn(0).getString() +
              (held.empty() ? std::string() : ", remote id " + held) + ")";
    if (!held.empty() && held != remote_id) reason = "a second payment request for an intent that holds " + held;
  }
  if (!attach_failure.empty()) reason = "remote id refused on the intent: " + attach_failure;
  SQLite::Statement insert(db_, "INSERT OR IGNORE INTO orphan_candidates (intent_id, remote_id, remote_status,"
                                " payload, seen_at, reason) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, intent.id);
  insert.bind(2, remote_id);
  insert.bind(3, remote_status);
  insert.bind(4, payload);
  insert.bind(5, now_ms);
  insert.bind(6, reason);
  insert.exec();
  return CreatedRecord::kOrphan;
}

Status SqliteQueueStore::leave_submitting(const char* state, const ClaimedIntent& intent,
                                    std::optional<std::int64_t> next_attempt_at_ms, const AttemptNote& note,
                                    std::int64_t now_ms, std::optional<std::string> reason) {
  try {
    leave_.reset();
    leave_.bind(":state", state);
    bind_owner(leave_, intent);
    if (next_attempt_at_ms) {
      leave_.bind(":next_attempt", *next_attempt_at_ms);
    } else {
      leave_.bind(":next_attempt");
    }
    leave_.bind(":counts", note.counts ? 1 : 0);
    leave_.bind(":throttled", note.throttled ? 1 : 0);
    leave_.bind(":ambiguous", note.ambiguous ? 1 : 0);
    if (note.error.empty()) {
      leave_.bind(":error");
    } else {
      leave_.bind(":error", note.error);
    }
    if (reason) {
      leave_.bind(":reason", *reason);
    } else {
      leave_.bind(":reason");
    }
    leave_.bind(":now", now_ms);
    leave_.bind(":by", note.observed_by);
    if (leave_.exec() == 1) return Status::ok();
    return {StatusCode::kConflict,
            "ref=" + intent.reference_id + " is no longer this claim's (" + state + " not recorded)"};
  } catch (const std::exception& e) {
    leave_.tryReset();
    return to_status(e, "move ref=" + intent.reference_id + " to " + state);
  }
}

Status SqliteQueueStore::reschedule(const ClaimedIntent& intent, std::int64_t next_attempt_at_ms, const AttemptNote& note,
                              std::int64_t now_ms) {
  return leave_submitting("queued", intent, next_attempt_at_ms, note, now_ms);
}

Status SqliteQueueStore::fail(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("failed", intent, std::nullopt, note, now_ms);
}

Status SqliteQueueStore::hold(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("on_hold", intent, std::nullopt, note, now_ms);
}

Status SqliteQueueStore::release(const ClaimedIntent& intent, const std::string& why, std::int64_t now_ms) {
  return leave_submitting("queued", intent, now_ms, AttemptNote{.error = {}, .counts = false}, now_ms,
                          "not sent: " + why);
}

Result<std::vector<ClaimedIntent>> SqliteQueueStore::claims_to_recover(std::int64_t own_epoch,
                                                                 std::int64_t leases_ended_by_ms) {
  try {
    SQLite::Statement q(db_, std::string("SELECT ") + kClaimedColumns +
                                 " FROM payment_intents WHERE state = 'submitting'"
                                 " AND coalesce(claim_epoch, 0) <> ? AND lease_until <= ? ORDER BY id");
    q.bind(1, own_epoch);
    q.bind(2, leases_ended_by_ms);
    std::vector<ClaimedIntent> out;
    while (q.executeStep()) out.push_back(read_claimed(q));
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "find claims to recover");
  }
}

Result<std::optional<std::int64_t>> SqliteQueueStore::next_attempt_due() {
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
