// store/postgres/pg_batch_progress.cpp — count(*) FILTER per figure in one pass; `batch = $1` implies batch IS NOT
// NULL, so the planner may use the partial index payment_intents_by_batch.
#include "store/postgres/pg_batch_progress.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {
namespace {

constexpr const char* kCounts =
    "SELECT count(*),"
    " count(*) FILTER (WHERE state IN ('settled', 'failed', 'on_hold', 'cancelled')),"
    " count(*) FILTER (WHERE state = 'settled' AND remote_status = 'paid'),"
    " count(*) FILTER (WHERE state = 'settled' AND remote_status IS DISTINCT FROM 'paid'),"
    " count(*) FILTER (WHERE state = 'failed'),"
    " count(*) FILTER (WHERE state = 'on_hold'),"
    " count(*) FILTER (WHERE state = 'cancelled'),"
    " count(*) FILTER (WHERE state = 'queued'),"
    " count(*) FILTER (WHERE state = 'submitting'),"
    " count(*) FILTER (WHERE state = 'submitted')"
    " FROM payment_intents";

}  // namespace

Result<BatchCounts> PgBatchProgress::count(const std::optional<std::string>& batch) {
  try {
    pqxx::read_transaction tx(session_);
    const pqxx::row r = batch ? tx.exec_params1(std::string(kCounts) + " WHERE batch = $1", *batch)
                              : tx.exec_params1(kCounts);
    tx.commit();
    return BatchCounts{.total = r[0].as<std::int64_t>(),
                       .final_count = r[1].as<std::int64_t>(),
                       .paid = r[2].as<std::int64_t>(),
                       .unpaid = r[3].as<std::int64_t>(),
                       .failed = r[4].as<std::int64_t>(),
                       .on_hold = r[5].as<std::int64_t>(),
                       .cancelled = r[6].as<std::int64_t>(),
                       .queued = r[7].as<std::int64_t>(),
                       .submitting = r[8].as<std::int64_t>(),
                       .submitted = r[9].as<std::int64_t>()};
  } catch (const std::exception& e) {
    return to_status(e, batch ? "count the intents of batch " + *batch : std::string("count the intents"));
  }
}

}  // namespace payq::store::postgres
