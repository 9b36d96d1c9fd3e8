// store/postgres/pg_metrics_queries.cpp — the cursor's soundness argument, then range scans as on SQLite:
// status_transitions by its primary key, queued intents through their partial index, api_calls by time.
//
// Why a fence: a transaction may take transition id 10, another take 11 and commit first; a reader that then
// returned last_id 11 would skip 10 for ever. Filtering rows on xmin does not help, as ids are not handed out in
// xid order either. What holds: a transaction inserting into status_transitions holds a lock on the table from
// before it takes an id until it ends, and (the rows being written by payment_intents' triggers) already has its
// xid. So, reading in this order
//   1. L, the sequence's last value (every id <= L has been handed out),
//   2. W, the xids of the transactions holding a lock on status_transitions (pg_locks),
//   3. a snapshot S (the REPEATABLE READ transaction's),
// every id <= L belongs to a transaction that had ended before step 2 (so before S: visible in S if it
// committed) or is in W. Once no xid of W is open in a snapshot, every row with id <= L is committed and visible
// in it, or will never exist: L is then a sound bound. Usually W is empty or has ended by step 3 and L is sound
// at once; otherwise the fence (L, W) is kept and used by a later call, once W has ended. While a transaction that
// writes transitions stays open (an import), the bound stays below its ids: tallies wait, they are never lost.
// Unrelated transactions (other tables, other databases) never hold the bound back. An INSERT into
// status_transitions by hand, in a transaction with no earlier write, gets its xid just after its id, a window of
// one statement; payq never writes status_transitions directly.
#include "store/postgres/pg_metrics_queries.h"

#include <algorithm>
#include <string>

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {
namespace {

// Steps 1 and 2 above, in that order, each in its own statement, outside (before) the snapshot they bound.
PgMetricsQueries::Fence take_fence(pqxx::connection& session) {
  pqxx::nontransaction tx(session);
  const std::int64_t last_value =
      tx.exec_params1("SELECT coalesce(pg_sequence_last_value("
                      "pg_get_serial_sequence('status_transitions', 'id')::regclass), 0)")[0]
          .as<std::int64_t>();
  // Every xid a transaction that may insert holds (its own and its subtransactions'): the top-level one decides.
  const std::string writers =
      tx.exec_params1("WITH locks AS MATERIALIZED (SELECT * FROM pg_locks)"
                      " SELECT coalesce(array_agg(x.transactionid), '{}')::text"
                      " FROM locks r JOIN locks x ON x.virtualtransaction = r.virtualtransaction"
                      " AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock' AND x.granted"
                      " WHERE r.locktype = 'relation' AND r.relation = 'status_transitions'::regclass"
                      " AND r.mode NOT IN ('AccessShareLock', 'RowShareLock')"  // readers, who insert nothing
                      " AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())")[0]
          .as<std::string>();
  return {last_value, writers};
}

// True when no xid of the xid[] bound at `placeholder` is open in the transaction's snapshot; false for NULL.
std::string writers_ended(const char* placeholder) {
  const std::string w = std::string(placeholder) + "::xid[]";
  return "(" + w + " IS NOT NULL AND NOT EXISTS (SELECT FROM unnest(" + w + ") AS w(xid) WHERE w.xid IN"
         " (SELECT open::xid FROM pg_snapshot_xip(pg_current_snapshot()) AS open)))";
}

}  // namespace

Result<TransitionsSince> PgMetricsQueries::state_transitions_after(std::int64_t after_id) {
  try {
    const Fence fence = take_fence(session_);
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(session_);
    // The first statement takes the snapshot the tally below reads.
    const pqxx::row ended = tx.exec_params1("SELECT " + writers_ended("$1") + ", " + writers_ended("$2"), fence.writers,
                                            pending_ ? pending_->writers.c_str() : nullptr);
    const bool fence_settled = ended[0].as<bool>();
    const bool pending_settled = ended[1].as<bool>();

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
