// store/postgres/pg_savepoint.h — one statement (or a few) that may fail without spoiling the transaction around
// it: PostgreSQL aborts a whole transaction on its first error unless a savepoint is rolled back to. Header-only.
#pragma once

#include <pqxx/pqxx>

namespace payq::store::postgres {

// Runs `body(transaction)` after a SAVEPOINT; on success releases it and returns what body returned, on an
// exception rolls back to it (the transaction stays usable) and rethrows. Written out rather than with
// pqxx::subtransaction, whose destructor in libpqxx 6.4 does not roll back while an exception unwinds.
template <typename Body>
auto in_savepoint(pqxx::transaction_base& transaction, const Body& body) {
  transaction.exec("SAVEPOINT payq_statement");
  try {
    auto result = body(transaction);
    transaction.exec("RELEASE SAVEPOINT payq_statement");
    return result;
  } catch (...) {
    transaction.exec("ROLLBACK TO SAVEPOINT payq_statement");
    throw;
  }
}

}  // namespace payq::store::postgres
