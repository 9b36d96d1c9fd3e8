// store/postgres/pg_savepoint.h — a savepoint in the caller's transaction, in plain SQL: one statement that may be
// refused without aborting the transaction. Rolled back to unless released. Used only inside store/postgres.
#pragma once

#include <string>

#include <pqxx/pqxx>  // whole: libpqxx 6.4 headers need each other in an order of their own

namespace payq::store::postgres {

// Not pqxx::subtransaction: in libpqxx 6.4 a statement that fails through exec_prepared or exec_params inside one
// is not rolled back to its savepoint, so the whole transaction stays aborted (SQLSTATE 25P02) and every later
// statement in it fails.
class PgSavepoint {
 public:
  // SAVEPOINT `name` (a plain identifier).
  PgSavepoint(pqxx::transaction_base& transaction, std::string name);
  // Unless released: ROLLBACK TO and RELEASE the savepoint, undoing what ran since it and leaving the transaction
  // usable. Never throws: a failure here shows on the transaction's next statement.
  ~PgSavepoint();
  PgSavepoint(const PgSavepoint&) = delete;
  PgSavepoint& operator=(const PgSavepoint&) = delete;

  // Keeps what ran since the savepoint (RELEASE SAVEPOINT).
  void release();

 private:
  pqxx::transaction_base& transaction_;
  std::string name_;
  bool released_ = false;
};

}  // namespace payq::store::postgres
