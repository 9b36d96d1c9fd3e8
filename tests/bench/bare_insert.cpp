// bench/bare_insert.cpp — the baseline for the import benchmark: the same rows inserted into the same
// schema (payq's migrations, same pragmas) with one prepared statement in one transaction, and nothing else:
// no parsing, no validation, no idempotency check.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_database.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DB ROWS\n", argv[0]);
    return 2;
  }
  const long rows = std::strtol(argv[2], nullptr, 10);
  auto db = payq::store::open_database({.location = argv[1]});
  if (!db) {
    std::fprintf(stderr, "%s\n", db.status().message().c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  SQLite::Transaction transaction(**db, SQLite::TransactionBehavior::IMMEDIATE);
  SQLite::Statement insert(**db, "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency,"
                                 " redirect_url, created_at, updated_at) VALUES (?, ?, ?, 'USD', ?, 1, 1)");
  for (long i = 1; i <= rows; ++i) {
    // The same values the generator script writes into the CSV for row i.
    const long cents = 100 + i % 99900;
    insert.bind(1, "BENCH-" + std::to_string(i));
    insert.bind(2, std::to_string(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + std::to_string(cents % 100));
    insert.bind(3, static_cast<std::int64_t>(cents));
    insert.bind(4, "https://shop.example/return?order=" + std::to_string(i));
    insert.exec();
    insert.reset();
  }
  transaction.commit();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  std::printf("bare insert: %ld rows in %.3f s = %.0f rows/s\n", rows, elapsed.count(),
              static_cast<double>(rows) / elapsed.count());
  return 0;
}
