// store/sqlite/sqlite_batch_progress.cpp — one aggregate pass; with a batch the WHERE clause implies batch IS NOT
// NULL, so SQLite reads the batch's rows through the partial index payment_intents_by_batch.
#include "store/sqlite/sqlite_batch_progress.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

constexpr const char* kCounts =
    "SELECT count(*),"
    " coalesce(sum(state IN ('settled', 'failed', 'on_hold', 'cancelled')), 0),"
    " coalesce(sum(state = 'settled' AND remote_status = 'paid'), 0),"
    " coalesce(sum(state = 'settled' AND remote_status IS NOT 'paid'), 0),"
    " coalesce(sum(state = 'failed'), 0),"
    " coalesce(sum(state = 'on_hold'), 0),"
    " coalesce(sum(state = 'cancelled'), 0),"
    " coalesce(sum(state = 'queued'), 0),"
    " coalesce(sum(state = 'submitting'), 0),"
    " coalesce(sum(state = 'submitted'), 0)"
    " FROM payment_intents";

}  // namespace

Result<BatchCounts> SqliteBatchProgress::count(const std::optional<std::string>& batch) {
  try {
    SQLite::Statement q(db_, std::string(kCounts) + (batch ? " WHERE batch = ?" : ""));
    if (batch) q.bind(1, *batch);
    q.executeStep();
    return BatchCounts{.total = q.getColumn(0).getInt64(),
                       .final_count = q.getColumn(1).getInt64(),
                       .paid = q.getColumn(2).getInt64(),
                       .unpaid = q.getColumn(3).getInt64(),
                       .failed = q.getColumn(4).getInt64(),
                       .on_hold = q.getColumn(5).getInt64(),
                       .cancelled = q.getColumn(6).getInt64(),
                       .queued = q.getColumn(7).getInt64(),
                       .submitting = q.getColumn(8).getInt64(),
                       .submitted = q.getColumn(9).getInt64()};
  } catch (const std::exception& e) {
    return to_status(e, batch ? "count the intents of batch " + *batch : std::string("count the intents"));
  }
}

}  // namespace payq::store
