// bench/claim_bench.cpp — claim latency with N rows in the table: fills a database with N intents (90% already
// settled or failed, 10% queued), then times claims. Flat from 10,000 to 1,000,000 rows means an index serves it.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_queue_store.h"

namespace {

void fill(SQLite::Database& db, long rows) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement insert(db, "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency, redirect_url,"
                               " created_at, updated_at) VALUES (?, '1.00', 100, 'USD', 'https://s.example', 1, 1)");
  for (long i = 0; i < rows; ++i) {
    insert.bind(1, "C-" + std::to_string(i));
    insert.exec();
    insert.reset();
  }
  // 90% of the table is history: settled or failed intents a claim must not have to walk past.
  db.exec("UPDATE payment_intents SET state = 'failed', changed_by = 'bench' WHERE id % 10 <> 0");
  transaction.commit();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s DB ROWS CLAIMS\n", argv[0]);
    return 2;
  }
  const long rows = std::strtol(argv[2], nullptr, 10);
  const long claims = std::strtol(argv[3], nullptr, 10);
  auto db = payq::store::open_database({.location = argv[1]});
  if (!db) {
    std::fprintf(stderr, "%s\n", db.status().message().c_str());
    return 1;
  }
  fill(**db, rows);
  payq::store::SqliteQueueStore queue(**db);
  (*db)->exec("PRAGMA synchronous=NORMAL");  // time the statement, not the disk's fsync
  const auto start = std::chrono::steady_clock::now();
  long claimed = 0;
  for (long i = 0; i < claims; ++i) {
    auto c = queue.claim({1, i + 1}, 1'000'000, 2'000'000);
    if (!c || !c->has_value()) break;
    ++claimed;
  }
  const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("%ld rows: %ld claims, %.1f us per claim\n", rows, claimed, elapsed.count() / static_cast<double>(claimed));
  return claimed == claims ? 0 : 1;
}
