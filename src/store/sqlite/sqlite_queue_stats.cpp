// store/sqlite/sqlite_queue_stats.cpp — each EXISTS names one state exactly, so SQLite can answer it from that
// state's partial index instead of scanning the table.
#include "store/sqlite/sqlite_queue_stats.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

Result<bool> SqliteQueueStats::has_open_work() {
  try {
    return db_.execAndGet("SELECT EXISTS (SELECT 1 FROM payment_intents WHERE state = 'queued')"
                          " OR EXISTS (SELECT 1 FROM payment_intents WHERE state = 'submitting')"
                          " OR EXISTS (SELECT 1 FROM payment_intents WHERE state = 'submitted')")
               .getInt() != 0;
  } catch (const std::exception& e) {
    return to_status(e, "check for open work");
  }
}

Result<QueueStats::OpenCounts> SqliteQueueStats::count_open() {
  try {
    SQLite::Statement q(db_, "SELECT (SELECT count(*) FROM payment_intents WHERE state = 'queued'),"
                             " (SELECT count(*) FROM payment_intents WHERE state = 'submitting'),"
                             " (SELECT count(*) FROM payment_intents WHERE state = 'submitted')");
    q.executeStep();
    return OpenCounts{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
  } catch (const std::exception& e) {
    return to_status(e, "count open intents");
  }
}

Result<std::map<std::string, std::int64_t>> SqliteQueueStats::count_by_state() {
  try {
    SQLite::Statement q(db_, "SELECT state, count(*) FROM payment_intents GROUP BY state");
    std::map<std::string, std::int64_t> counts;
    while (q.executeStep()) counts[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
    return counts;
  } catch (const std::exception& e) {
    return to_status(e, "count intents by state");
  }
}

}  // namespace payq::store
