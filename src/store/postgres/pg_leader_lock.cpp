// store/postgres/pg_leader_lock.cpp — pg_try_advisory_lock on the lock's own session; "still held" asks pg_locks
// for this backend's lock, which fails at once when the session is gone.
#include "store/postgres/pg_leader_lock.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

Result<bool> PgLeaderLock::try_acquire() {
  try {
    pqxx::nontransaction query(session_->session());
    return query.exec_params("SELECT pg_try_advisory_lock($1)", kLeaderLockKey)[0][0].as<bool>();
  } catch (const std::exception& e) {
    return to_status(e, "take the leader lock of " + session_->display_url());
  }
}

Status PgLeaderLock::still_held() {
  try {
    pqxx::nontransaction query(session_->session());
    // Advisory lock keys are split into two 32-bit halves: classid the high one, objid the low one.
    const pqxx::result held = query.exec_params(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted"
        " AND objsubid = 1 AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid",
        kLeaderLockKey);
    if (held[0][0].as<std::int64_t>() == 1) return Status::ok();
    return {StatusCode::kUnavailable, "the leader lock of " + session_->display_url() + " is no longer held"};
  } catch (const std::exception& e) {
    return to_status(e, "check the leader lock of " + session_->display_url());
  }
}

}  // namespace payq::store::postgres
