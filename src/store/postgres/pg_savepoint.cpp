// store/postgres/pg_savepoint.cpp — SAVEPOINT, RELEASE and ROLLBACK TO through the transaction's plain exec(), the
// path on which libpqxx 6.4 leaves a transaction in a state it can go on from after a refused statement.
#include "store/postgres/pg_savepoint.h"

namespace payq::store::postgres {

PgSavepoint::PgSavepoint(pqxx::transaction_base& transaction, std::string name)
    : transaction_(transaction), name_(std::move(name)) {
  transaction_.exec("SAVEPOINT " + name_);
}

PgSavepoint::~PgSavepoint() {
  if (released_) return;
  try {
    transaction_.exec("ROLLBACK TO SAVEPOINT " + name_);
    transaction_.exec("RELEASE SAVEPOINT " + name_);
  } catch (...) {  // never throw from a destructor (it may run while an exception unwinds)
  }
}

void PgSavepoint::release() {
  transaction_.exec("RELEASE SAVEPOINT " + name_);
  released_ = true;
}

}  // namespace payq::store::postgres
