// store/intent_writer.cpp — the idempotency rule every store's intent writer applies when a reference is stored
// already, and insert_all as a loop of insert() for stores without a faster way; no database here.
#include "store/intent_writer.h"

namespace payq::store {

Result<EnqueueOutcome> compare_with_stored(const Intent& wanted, const StoredContent& stored) {
  if (stored.amount == wanted.amount && stored.currency == wanted.currency &&
      stored.redirect_url == wanted.redirect_url) {
    return EnqueueOutcome::kAlreadyPresent;
  }
  const std::string difference =
      stored.amount != wanted.amount || stored.currency != wanted.currency
          ? "amount " + stored.amount + " " + stored.currency + " is stored, " + wanted.amount + " " + wanted.currency +
                " was given"
          : "redirect_url '" + stored.redirect_url + "' is stored, '" + wanted.redirect_url + "' was given";
  return Status{StatusCode::kConflict,
                "reference_id '" + wanted.reference_id + "' already exists with other content: " + difference};
}

Result<IntentWriter::Outcomes> IntentWriter::insert_all(std::span<const Intent> intents, std::int64_t now_ms) {
  if (!in_transaction()) return Status{StatusCode::kInternal, "insert_all: no transaction is open"};
  Outcomes outcomes;
  outcomes.reserve(intents.size());
  for (const Intent& intent : intents) {
    auto outcome = insert(intent, now_ms);
    if (!outcome && !is_row_problem(outcome.status().code())) return outcome.status();
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace payq::store
