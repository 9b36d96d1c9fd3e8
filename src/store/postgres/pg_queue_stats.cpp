// store/postgres/pg_queue_stats.cpp — each EXISTS and count names one state exactly, so the planner can answer it
// from that state's partial index (claimable, polls_due, leases) instead of scanning the table.
#include "store/postgres/pg_queue_stats.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

Result<bool> PgQueueStats::has_open_work() {
  try {
    pqxx::read_transaction tx(session_);
    const bool open = tx.exec_params1("SELECT EXISTS (SELECT 1 FROM payment_intents WHERE state = 'queued')"
                                      " OR EXISTS (SELECT 1 FROM payment_intents WHERE state = 'submitting')"
                                      " OR EXISTS (SELECT 1 FROM payment_intents WHERE state = 'submitted')")[0]
                          .as<bool>();
    tx.commit();
    return open;
  } catch (const std::exception& e) {
    return to_status(e, "check for open work");
  }
}

Result<QueueStats::OpenCounts> PgQueueStats::count_open() {
  try {
    pqxx::read_transaction tx(session_);
    const pqxx::row r = tx.exec_params1("SELECT (SELECT count(*) FROM payment_intents WHERE state = 'queued'),"
                                        " (SELECT count(*) FROM payment_intents WHERE state = 'submitting'),"
                                        " (SELECT count(*) FROM payment_intents WHERE state = 'submitted')");
    tx.commit();
    return OpenCounts{r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>()};
  } catch (const std::exception& e) {
    return to_status(e, "count open intents");
  }
}

Result<std::map<std::string, std::int64_t>> PgQueueStats::count_by_state() {
  try {
    pqxx::read_transaction tx(session_);
    std::map<std::string, std::int64_t> counts;
    for (const auto& row : tx.exec_params("SELECT state, count(*) FROM payment_intents GROUP BY state")) {
      counts[row[0].as<std::string>()] = row[1].as<std::int64_t>();
    }
    tx.commit();
    return counts;
  } catch (const std::exception& e) {
    return to_status(e, "count intents by state");
  }
}

}  // namespace payq::store::postgres
