// store/intent_writer.cpp — the idempotency rule every store's intent writer applies when a reference is stored
// already; no database here.
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

}  // namespace payq::store
