// store/postgres/pg_metrics_queries.cpp — the cursor's soundness argument, then range scans as on SQLite:
// status_transitions by its primary key, queued intents through their partial index, api_calls by time.
//
// Why a fence: a transaction may take transition id 10, another take 11 and commit first; a reader that then
// returned last_id 11 would skip 10 for ever. Filtering rows on xmin does not help, as ids are not handed out in
// xid order either. What holds: status_transitions rows are written by payment_intents' triggers, after that
// transaction's first row write gave it an xid, so a transaction that took an id had its xid before. Hence, with
// L the sequence's last value read BEFORE a snapshot S was taken, every id <= L belongs to a transaction that had
// ended by S (visible in S if it committed) or was open in S. Once none of S's open transactions is open in a
// later snapshot S', every row with id <= L is committed and visible in S', or will never exist: L is a sound
// bound in S'. If S itself has no open transaction, L is sound at once (the usual case between daemon writes).
// Open transactions are server-wide (xids are), so one idle-in-transaction session holding an xid anywhere on the
// server delays the tallies until it ends; it never loses them. An INSERT into status_transitions by hand, in a
// transaction with no prior write, could take an id just before its xid, a window of one statement; payq never
// writes status_transitions directly.
#include "store/postgres/pg_metrics_queries.h"

#include <algorithm>

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {
namespace {

// The last transition id handed out; 0 before the first. Read outside (before) the snapshot it bounds.
std::int64_t transition_ids_handed_out(pqxx::connection& session) {
  pqxx::nontransaction tx(session);
  return tx.exec_params1("SELECT coalesce(pg_sequence_last_value("
                         "pg_get_serial_sequence('status_transitions', 'id')::regclass), 0)")[0]
      .as<std::int64_t>();
}

}  // namespace

Result<TransitionsSince> PgMetricsQueries::state_transitions_after(std::int64_t after_id) {
  try {
    const std::int64_t handed_out = transition_ids_handed_out(session_);
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(session_);
    // The first statement takes the snapshot every later one reads.
    const pqxx::row now = tx.exec_params1(
        "SELECT pg_current_snapshot()::text,"
        " NOT EXISTS (SELECT FROM pg_snapshot_xip(pg_current_snapshot())),"
        " $1::pg_snapshot IS NOT NULL AND NOT EXISTS (SELECT FROM pg_snapshot_xip($1::pg_snapshot) AS was(xid)"
        "   WHERE was.xid IN (SELECT pg_snapshot_xip(pg_current_snapshot())))",
        pending_ ? pending_->snapshot.c_str() : nullptr);
    const Fence fence{handed_out, now[0].as<std::string>()};
    const bool fence_settled = now[1].as<bool>();
    const bool pending_settled = now[2].as<bool>();

    std::int64_t bound = after_id;
    if (pending_settled) bound = std::max(bound, pending_->last_value);
    if (fence_settled) bound = std::max(bound, fence.last_value);

    TransitionsSince out;
    out.last_id = after_id;
    for (const auto& row : tx.exec_params("SELECT coalesce(old_value, ''), coalesce(new_value, ''), count(*), max(id)"
                                          " FROM status_transitions WHERE id > $1 AND id <= $2 AND field = 'state'"
                                          " GROUP BY 1, 2",
                                          after_id, bound)) {
      out.tallies.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
      out.last_id = std::max(out.last_id, row[3].as<std::int64_t>());
    }
    tx.commit();
    // Keep an unsettled fence until it settles: replacing it at every call would never let one settle while
    // writers keep overlapping.
    if (fence_settled) {
      pending_.reset();
    } else if (!pending_ || pending_settled) {
      pending_ = fence;
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "tally state transitions");
  }
}

Result<std::optional<std::int64_t>> PgMetricsQueries::oldest_queued_created_at() {
  try {
    pqxx::read_transaction tx(session_);
    const auto oldest =
        optional_int64(tx.exec_params1("SELECT min(created_at) FROM payment_intents WHERE state = 'queued'")[0]);
    tx.commit();
    return oldest;
  } catch (const std::exception& e) {
    return to_status(e, "find the oldest queued intent");
  }
}

Result<std::vector<CallTally>> PgMetricsQueries::calls_since(std::int64_t since_ms) {
  try {
    pqxx::read_transaction tx(session_);
    std::vector<CallTally> out;
    for (const auto& row : tx.exec_params("SELECT kind, outcome, count(*), count(*) FILTER (WHERE http_status = 429),"
                                          " sum(ambiguous) FROM api_calls WHERE started_at >= $1"
                                          " GROUP BY kind, outcome",
                                          since_ms)) {
      out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>(),
                     row[3].as<std::int64_t>(), row[4].as<std::int64_t>()});
    }
    tx.commit();
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "tally recent API calls");
  }
}

}  // namespace payq::store::postgres
