// store/postgres/pg_batch_insert.cpp — COPY into pg_temp.payq_import_staging (created once per session, emptied at
// every commit), then set-based statements. The staging table holds each reference once: a later copy of the same
// reference in the batch is decided here against the first one, as a row-by-row insert would decide it.
#include "store/postgres/pg_batch_insert.h"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include <pqxx/pqxx>

namespace payq::store::postgres {
namespace {

// Created in the caller's transaction: a rollback drops it again, so it is asked for every time (IF NOT EXISTS, its
// notice silenced for this transaction) rather than remembered. Emptied before every batch.
constexpr const char* kQuietNotices = "SET LOCAL client_min_messages = warning";
constexpr const char* kCreateStaging =
    "CREATE TEMP TABLE IF NOT EXISTS payq_import_staging ("
    " position integer PRIMARY KEY, reference_id text NOT NULL UNIQUE, amount text NOT NULL,"
    " amount_minor bigint NOT NULL, currency text NOT NULL, redirect_url text NOT NULL, batch text NOT NULL,"
    " has_batch boolean NOT NULL, inserted boolean NOT NULL DEFAULT false) ON COMMIT DELETE ROWS";
constexpr const char* kEmptyStaging = "TRUNCATE payq_import_staging";

// In position order, so ids follow the input as they would row by row. A reference another transaction stores
// meanwhile waits for it, then counts as stored before.
constexpr const char* kInsertStaged =
    "WITH stored AS ("
    "  INSERT INTO payment_intents (reference_id, amount, amount_minor, currency, redirect_url, batch,"
    "   created_at, updated_at, next_attempt_at, changed_by)"
    "  SELECT reference_id, amount, amount_minor, currency, redirect_url, CASE WHEN has_batch THEN batch END,"
    "   $1, $1, $1, 'producer' FROM payq_import_staging ORDER BY position"
    "  ON CONFLICT (reference_id) DO NOTHING RETURNING reference_id)"
    " UPDATE payq_import_staging staged SET inserted = true FROM stored"
    " WHERE staged.reference_id = stored.reference_id";

// A statement of its own, so it sees what other transactions committed while the insert waited for them.
constexpr const char* kStoredBefore =
    "SELECT staged.position, staged.reference_id, intent.amount, intent.currency, intent.redirect_url"
    " FROM payq_import_staging staged LEFT JOIN payment_intents intent USING (reference_id)"
    " WHERE NOT staged.inserted";

}  // namespace

Result<IntentWriter::Outcomes> insert_through_copy(pqxx::transaction_base& transaction, std::span<const Intent> intents,
                                           std::int64_t now_ms) {
  transaction.exec(kQuietNotices);
  transaction.exec(kCreateStaging);
  transaction.exec(kEmptyStaging);
  // first_of[i]: the position of the first intent with intents[i]'s reference (i itself when it is the first).
  std::vector<std::size_t> first_of(intents.size());
  {
    std::unordered_map<std::string_view, std::size_t> first_by_reference;
    pqxx::stream_to copy(transaction, "payq_import_staging",
                         std::vector<std::string>{"position", "reference_id", "amount", "amount_minor", "currency",
                                                  "redirect_url", "batch", "has_batch"});
    for (std::size_t i = 0; i < intents.size(); ++i) {
      const Intent& intent = intents[i];
      const auto [first, is_first] = first_by_reference.emplace(intent.reference_id, i);
      first_of[i] = first->second;
      if (!is_first) continue;
      copy << std::make_tuple(static_cast<std::int64_t>(i), intent.reference_id, intent.amount,
                              static_cast<std::int64_t>(intent.amount_minor), intent.currency, intent.redirect_url,
                              intent.batch.value_or(""), intent.batch.has_value());
    }
    copy.complete();
  }
  transaction.exec_params(kInsertStaged, now_ms);

  std::vector<std::optional<StoredContent>> stored_before(intents.size());
  for (const auto& row : transaction.exec(kStoredBefore)) {
    if (row[2].is_null()) {
      return Status{StatusCode::kInternal,
                    "enqueue ref=" + row[1].as<std::string>() + ": insert skipped but no row found"};
    }
    stored_before.at(row[0].as<std::size_t>()) =
        StoredContent{row[2].as<std::string>(), row[3].as<std::string>(), row[4].as<std::string>()};
  }

  IntentWriter::Outcomes outcomes;
  outcomes.reserve(intents.size());
  for (std::size_t i = 0; i < intents.size(); ++i) {
    const std::size_t first = first_of[i];
    if (const auto& stored = stored_before[first]) {
      outcomes.push_back(compare_with_stored(intents[i], *stored));
    } else if (first == i) {
      outcomes.push_back(EnqueueOutcome::kInserted);
    } else {
      const Intent& inserted = intents[first];
      outcomes.push_back(
          compare_with_stored(intents[i], {inserted.amount, inserted.currency, inserted.redirect_url}));
    }
  }
  return outcomes;
}

}  // namespace payq::store::postgres
