// store/postgres/pg_intent_writer.cpp — INSERT … ON CONFLICT DO NOTHING, then a look at the stored row only when
// nothing was inserted (store/intent_writer.h compare_with_stored decides). The schema derives amount_minor itself;
// it is bound anyway, as on SQLite, so a producer's rule and the schema's must agree.
#include "store/postgres/pg_intent_writer.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_batch_insert.h"
#include "store/postgres/pg_error.h"
#include "store/postgres/pg_savepoint.h"

namespace payq::store::postgres {

PgIntentWriter::PgIntentWriter(pqxx::connection& session) : session_(session) {
  session_.prepare("intents_insert",
                   "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency, redirect_url, batch,"
                   " created_at, updated_at, next_attempt_at, changed_by)"
                   " VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7, 'producer')"
                   " ON CONFLICT (reference_id) DO NOTHING");
  session_.prepare("intents_find", "SELECT amount, currency, redirect_url FROM payment_intents WHERE reference_id = $1");
}

PgIntentWriter::~PgIntentWriter() { rollback(); }

Result<EnqueueOutcome> PgIntentWriter::insert_in(pqxx::transaction_base& transaction, const Intent& intent,
                                                 std::int64_t now_ms) {
  const pqxx::result done =
      transaction.exec_prepared("intents_insert", intent.reference_id, intent.amount,
                                static_cast<std::int64_t>(intent.amount_minor), intent.currency, intent.redirect_url,
                                intent.batch, now_ms);
  if (done.affected_rows() == 1) return EnqueueOutcome::kInserted;
  const pqxx::result stored = transaction.exec_prepared("intents_find", intent.reference_id);
  if (stored.empty()) {
    return Status{StatusCode::kInternal, "enqueue ref=" + intent.reference_id + ": insert skipped but no row found"};
  }
  return compare_with_stored(intent, {stored[0][0].as<std::string>(), stored[0][1].as<std::string>(),
                                      stored[0][2].as<std::string>()});
}

Result<EnqueueOutcome> PgIntentWriter::insert(const Intent& intent, std::int64_t now_ms) {
  const std::string context = "enqueue ref=" + intent.reference_id;
  try {
    if (transaction_) {
      return in_savepoint(*transaction_, [&](pqxx::transaction_base& row) { return insert_in(row, intent, now_ms); });
    }
    pqxx::work transaction(session_);
    auto outcome = insert_in(transaction, intent, now_ms);
    transaction.commit();
    return outcome;
  } catch (const std::exception& e) {
    return to_status(e, context);
  }
}

Result<IntentWriter::Outcomes> PgIntentWriter::insert_all(std::span<const Intent> intents, std::int64_t now_ms) {
  if (!transaction_) return Status{StatusCode::kInternal, "insert_all: no transaction is open"};
  if (intents.size() == 1) return IntentWriter::insert_all(intents, now_ms);  // one statement beats four
  try {
    if (!may_stage_) {
      // A role whose TEMPORARY right on the database was revoked cannot have the staging table: row by row then.
      may_stage_ = transaction_->exec("SELECT has_database_privilege(current_database(), 'TEMPORARY')")[0][0]
                       .as<bool>();
    }
    if (!*may_stage_) return IntentWriter::insert_all(intents, now_ms);
    return in_savepoint(*transaction_,
                        [&](pqxx::transaction_base& batch) { return insert_through_copy(batch, intents, now_ms); });
  } catch (const std::exception& e) {
    Status failed = to_status(e, "insert " + std::to_string(intents.size()) + " intents");
    if (failed.code() != StatusCode::kInvalidArgument) return failed;
  }
  // The schema refused a row, which fails the whole statement: row by row names it and stores the others.
  return IntentWriter::insert_all(intents, now_ms);
}

Status PgIntentWriter::begin() {
  if (transaction_) return {StatusCode::kInternal, "begin: a transaction is already open"};
  try {
    transaction_ = std::make_unique<pqxx::work>(session_);
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "begin a write transaction");
  }
}

Status PgIntentWriter::commit() {
  if (!transaction_) return {StatusCode::kInternal, "commit: no transaction is open"};
  try {
    transaction_->commit();
    transaction_.reset();
    return Status::ok();
  } catch (const std::exception& e) {
    transaction_.reset();  // aborts whatever the failed commit left open
    return to_status(e, "commit");
  }
}

void PgIntentWriter::rollback() {
  try {
    transaction_.reset();  // pqxx aborts an uncommitted transaction when it goes
  } catch (...) {  // never throw from here: the connection is reported broken on its next use
  }
}

}  // namespace payq::store::postgres
