// store/postgres/pg_intent_reader.h — IntentReader on PostgreSQL: list/show/wait queries; for_each reads pages of
// rows in id order, each page in its own short read-only transaction, so memory stays flat and no snapshot is held
// open while the caller writes rows out. One instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/intent_reader.h"

namespace payq::store::postgres {

class PgIntentReader final : public IntentReader {
 public:
  explicit PgIntentReader(pqxx::connection& session) : session_(session) {}
  // Pages are keyed on id (id > the last one shown), so no intent is shown twice. Each page is a fresh snapshot: an
  // intent changed meanwhile shows as it is when its page is read, and one committed meanwhile below the page
  // already read is left out, as if it had committed after the listing.
  Status for_each(const ListQuery& query, const std::function<bool(const IntentRecord&)>& row) override;
  Result<std::optional<IntentRecord>> find(const std::string& reference_id) override;
  Result<std::vector<TransitionRecord>> transitions(std::int64_t intent_id) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
