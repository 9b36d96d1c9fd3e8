// store/postgres/pg_queue_store.cpp — the claim and outcome statements of store/sqlite/sqlite_queue_store.cpp in
// PostgreSQL's dialect. A remote id the intent cannot take is kept in orphan_candidates inside the same transaction,
// after a savepoint undoes the refused UPDATE (PostgreSQL aborts a transaction on its first error).
#include "store/postgres/pg_queue_store.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_savepoint.h"

namespace payq::store::postgres {
namespace {

constexpr const char* kClaimedColumns =
    "id, reference_id, amount, currency, redirect_url, attempts, ambiguous, coalesce(first_attempt_at, 0),"
    " coalesce(claim_epoch, 0), coalesce(claim_seq, 0)";

// The fence of every outcome write ($1 id, $2 epoch, $3 claim number); a claim made before claims had owners
// ({0, 0}, stored as NULL) is matched by the rescuer that recovers it.
constexpr const char* kOwnedBy =
    " WHERE id = $1 AND state = 'submitting' AND coalesce(claim_epoch, 0) = $2 AND coalesce(claim_seq, 0) = $3";

ClaimedIntent read_claimed(const pqxx::row& row) {
  return {row[0].as<std::int64_t>(),
          row[1].as<std::string>(),
          row[2].as<std::string>(),
          row[3].as<std::string>(),
          row[4].as<std::string>(),
          row[5].as<std::int64_t>(),
          row[6].as<std::int64_t>() != 0,
          row[7].as<std::int64_t>(),
          ClaimOwner{row[8].as<std::int64_t>(), row[9].as<std::int64_t>()}};
}

std::optional<std::string> text_or_null(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

PgQueueStore::PgQueueStore(pqxx::connection& session) : session_(session) {
  session_.prepare("queue_claim",
                   std::string("UPDATE payment_intents SET state = 'submitting', lease_until = $1,"
                               " claim_epoch = $3, claim_seq = $4,"
                               " first_attempt_at = coalesce(first_attempt_at, $2), updated_at = $2,"
                               " changed_by = 'submitter', change_reason = NULL"
                               " WHERE id = (SELECT id FROM payment_intents WHERE state = 'queued'"
                               "             AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT 1"
                               "             FOR UPDATE SKIP LOCKED)"
                               " RETURNING ") +
                       kClaimedColumns);
  session_.prepare("queue_confirm", std::string("UPDATE payment_intents SET lease_until = $4") + kOwnedBy);
  session_.prepare("queue_submitted",
                   std::string("UPDATE payment_intents SET state = 'submitted', lease_until = NULL,"
                               " claim_epoch = NULL, claim_seq = NULL, remote_id = $4, remote_status = $5,"
                               " remote_payload = $6, payment_url = $7, submitted_at = $8, polls = 0,"
                               " not_found_polls = 0, next_poll_at = $9, last_error = NULL, updated_at = $8,"
                               " changed_by = 'submitter', change_reason = 'payment request created'") +
                       kOwnedBy + " AND (remote_id IS NULL OR remote_id = $4)");
  session_.prepare("queue_leave",
                   std::string("UPDATE payment_intents SET state = $4, lease_until = NULL, claim_epoch = NULL,"
                               " claim_seq = NULL, next_attempt_at = coalesce($5, next_attempt_at),"
                               " attempts = attempts + $6, throttled = throttled + $7,"
                               " ambiguous = greatest(ambiguous, $8), last_error = coalesce($9, last_error),"
                               " updated_at = $10, changed_by = $11, change_reason = coalesce($12, $9)") +
                       kOwnedBy);
}

Result<std::optional<ClaimedIntent>> PgQueueStore::claim(ClaimOwner owner, std::int64_t now_ms,
                                                         std::int64_t lease_until_ms) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result rows = transaction.exec_prepared("queue_claim", lease_until_ms, now_ms, owner.epoch, owner.seq);
    transaction.commit();
    if (rows.empty()) return std::optional<ClaimedIntent>{};
    return std::optional<ClaimedIntent>(read_claimed(rows[0]));
  } catch (const std::exception& e) {
    return to_status(e, "claim");
  }
}

Status PgQueueStore::confirm(const ClaimedIntent& intent, std::int64_t lease_until_ms) {
  try {
    pqxx::work transaction(session_);
    // Not waited for on disk: losing an extension in a power cut costs nothing (as on SQLite).
    transaction.exec("SET LOCAL synchronous_commit = off");
    const pqxx::result done = transaction.exec_prepared("queue_confirm", intent.id, intent.owner.epoch,
                                                        intent.owner.seq, lease_until_ms);
    transaction.commit();
    if (done.affected_rows() == 1) return Status::ok();
    return {StatusCode::kConflict, "ref=" + intent.reference_id + ": claim lost before sending; not sent"};
  } catch (const std::exception& e) {
    return to_status(e, "confirm the claim of ref=" + intent.reference_id);
  }
}

Result<CreatedRecord> PgQueueStore::record_created(const ClaimedIntent& intent, const std::string& remote_id,
                                                   const std::string& remote_status, const std::string& payload,
                                                   std::int64_t now_ms, std::int64_t next_poll_at_ms,
                                                   const std::optional<std::string>& payment_url) {
  const std::string context = "record remote id " + remote_id + " of ref=" + intent.reference_id;
  try {
    pqxx::work transaction(session_);
    std::string attach_failure;
    try {
      PgSavepoint attach(transaction, "attach");  // rolled back to while the catch below unwinds
      const pqxx::result done =
          transaction.exec_prepared("queue_submitted", intent.id, intent.owner.epoch, intent.owner.seq, remote_id,
                               remote_status, payload, payment_url, now_ms, next_poll_at_ms);
      attach.release();
      if (done.affected_rows() == 1) {
        transaction.commit();
        return CreatedRecord::kAttached;
      }
    } catch (const pqxx::integrity_constraint_violation& e) {
      attach_failure = e.what();  // only a constraint (the id is another intent's) makes an orphan
      while (!attach_failure.empty() && (attach_failure.back() == '\n' || attach_failure.back() == ' ')) {
        attach_failure.pop_back();
      }
    }
    const pqxx::result now_state = transaction.exec_params(
        "SELECT state, coalesce(remote_id, '') FROM payment_intents WHERE id = $1", intent.id);
    std::string reason = "created after the claim was lost";
    if (!now_state.empty()) {
      const std::string held = now_state[0][1].as<std::string>();
      reason += " (intent is now " + now_state[0][0].as<std::string>() +
                (held.empty() ? std::string() : ", remote id " + held) + ")";
      if (!held.empty() && held != remote_id) reason = "a second payment request for an intent that holds " + held;
    }
    if (!attach_failure.empty()) reason = "remote id refused on the intent: " + attach_failure;
    transaction.exec_params(
        "INSERT INTO orphan_candidates (intent_id, remote_id, remote_status, payload, seen_at, reason)"
        " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        intent.id, remote_id, remote_status, payload, now_ms, reason);
    transaction.commit();
    return CreatedRecord::kOrphan;
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
}

Status PgQueueStore::leave_submitting(const char* state, const ClaimedIntent& intent,
                                      std::optional<std::int64_t> next_attempt_at_ms, const AttemptNote& note,
                                      std::int64_t now_ms, std::optional<std::string> reason) {
  try {
    pqxx::work transaction(session_);
    const pqxx::result done = transaction.exec_prepared(
        "queue_leave", intent.id, intent.owner.epoch, intent.owner.seq, std::string(state), next_attempt_at_ms,
        std::int64_t{note.counts ? 1 : 0}, std::int64_t{note.throttled ? 1 : 0}, std::int64_t{note.ambiguous ? 1 : 0},
        text_or_null(note.error), now_ms, note.observed_by, reason);
    transaction.commit();
    if (done.affected_rows() == 1) return Status::ok();
    return {StatusCode::kConflict,
            "ref=" + intent.reference_id + " is no longer this claim's (" + state + " not recorded)"};
  } catch (const std::exception& e) {
    return to_status(e, "move ref=" + intent.reference_id + " to " + state);
  }
}

Status PgQueueStore::reschedule(const ClaimedIntent& intent, std::int64_t next_attempt_at_ms, const AttemptNote& note,
                                std::int64_t now_ms) {
  return leave_submitting("queued", intent, next_attempt_at_ms, note, now_ms);
}

Status PgQueueStore::fail(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("failed", intent, std::nullopt, note, now_ms);
}

Status PgQueueStore::hold(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) {
  return leave_submitting("on_hold", intent, std::nullopt, note, now_ms);
}

Status PgQueueStore::release(const ClaimedIntent& intent, const std::string& why, std::int64_t now_ms) {
  return leave_submitting("queued", intent, now_ms, AttemptNote{.error = {}, .counts = false}, now_ms,
                          "not sent: " + why);
}

Result<std::vector<ClaimedIntent>> PgQueueStore::claims_to_recover(std::int64_t own_epoch,
                                                                   std::int64_t leases_ended_by_ms) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        std::string("SELECT ") + kClaimedColumns +
            " FROM payment_intents WHERE state = 'submitting' AND coalesce(claim_epoch, 0) <> $1"
            " AND lease_until <= $2 ORDER BY id",
        own_epoch, leases_ended_by_ms);
    std::vector<ClaimedIntent> out;
    out.reserve(rows.size());
    for (const pqxx::row& row : rows) out.push_back(read_claimed(row));
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "find claims to recover");
  }
}

Result<std::optional<std::int64_t>> PgQueueStore::next_attempt_due() {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows =
        transaction.exec("SELECT min(next_attempt_at) FROM payment_intents WHERE state = 'queued'");
    if (rows[0][0].is_null()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(rows[0][0].as<std::int64_t>());
  } catch (const std::exception& e) {
    return to_status(e, "next queued intent");
  }
}

}  // namespace payq::store::postgres
