// store/sqlite/sqlite_intent_writer.cpp — INSERT ... ON CONFLICT DO NOTHING, then a look at the stored row only when
// nothing was inserted, so the common path is one statement per intent; and the writer's own transactions.
#include "store/sqlite/sqlite_intent_writer.h"

#include <string>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

SqliteIntentWriter::SqliteIntentWriter(SQLite::Database& db)
    : db_(db),
      insert_(db, "INSERT INTO payment_intents (reference_id, amount, amount_minor, currency, redirect_url, batch,"
                  " created_at, updated_at, next_attempt_at, changed_by)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, 'producer')"
                  " ON CONFLICT (reference_id) DO NOTHING"),
      find_(db, "SELECT amount, currency, redirect_url FROM payment_intents WHERE reference_id = ?"),
      data_version_(db, "PRAGMA data_version") {}

Result<EnqueueOutcome> SqliteIntentWriter::insert(const Intent& intent, std::int64_t now_ms) {
  try {
    insert_.reset();
    insert_.bind(1, intent.reference_id);
    insert_.bind(2, intent.amount);
    insert_.bind(3, static_cast<std::int64_t>(intent.amount_minor));
    insert_.bind(4, intent.currency);
    insert_.bind(5, intent.redirect_url);
    if (intent.batch) {
      insert_.bind(6, *intent.batch);
    } else {
      insert_.bind(6);
    }
    insert_.bind(7, static_cast<std::int64_t>(now_ms));
    if (insert_.exec() == 1) return EnqueueOutcome::kInserted;
    return compare_with_stored(intent);
  } catch (const std::exception& e) {
    insert_.tryReset();
    return to_status(e, "enqueue ref=" + intent.reference_id);
  }
}

Status SqliteIntentWriter::begin() {
  if (transaction_) return {StatusCode::kInternal, "begin: a transaction is already open"};
  try {
    transaction_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE);
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "begin a write transaction");
  }
}

Status SqliteIntentWriter::commit() {
  if (!transaction_) return {StatusCode::kInternal, "commit: no transaction is open"};
  try {
    transaction_->commit();
    transaction_.reset();
    return Status::ok();
  } catch (const std::exception& e) {
    transaction_.reset();  // rolls back whatever the failed commit left open
    return to_status(e, "commit");
  }
}

void SqliteIntentWriter::rollback() { transaction_.reset(); }

Result<std::int64_t> SqliteIntentWriter::data_version() {
  try {
    data_version_.reset();
    if (!data_version_.executeStep()) return Status{StatusCode::kInternal, "PRAGMA data_version returned no row"};
    const std::int64_t version = data_version_.getColumn(0).getInt64();
    data_version_.reset();
    return version;
  } catch (const std::exception& e) {
    data_version_.tryReset();
    return to_status(e, "read data_version");
  }
}

Result<EnqueueOutcome> SqliteIntentWriter::compare_with_stored(const Intent& intent) {
  find_.reset();
  find_.bind(1, intent.reference_id);
  if (!find_.executeStep()) {
    return Status{StatusCode::kInternal, "enqueue ref=" + intent.reference_id + ": insert skipped but no row found"};
  }
  return store::compare_with_stored(intent, {find_.getColumn(0).getString(), find_.getColumn(1).getString(),
                                             find_.getColumn(2).getString()});
}

}  // namespace payq::store
