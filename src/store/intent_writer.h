// store/intent_writer.h — inserts validated intents, idempotent on reference_id: an identical row is "already
// present", a different one with the same reference a conflict. Each insert commits on its own, or with others in
// the writer's transaction (begin/commit: a producer's batch, an import's chunk). One per connection, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "payq/intent.h"
#include "payq/producer.h"
#include "payq/status.h"

namespace payq::store {

// What of a stored intent would be sent to the partner.
struct StoredContent {
  std::string amount;
  std::string currency;
  std::string redirect_url;
};

// The reference is stored already: kAlreadyPresent when what would be sent matches (the batch tag is bookkeeping,
// not money), else kConflict saying which field differs. The one rule every store's writer applies.
Result<EnqueueOutcome> compare_with_stored(const Intent& wanted, const StoredContent& stored);

// kConflict and kInvalidArgument are about one row (rejected, the others go on); any other code is a failure.
inline bool is_row_problem(StatusCode code) {
  return code == StatusCode::kConflict || code == StatusCode::kInvalidArgument;
}

class IntentWriter {
 public:
  virtual ~IntentWriter() = default;

  // kConflict when the reference exists with other content (the message says which field differs);
  // kInvalidArgument when the schema refuses the row. An open transaction stays usable either way.
  virtual Result<EnqueueOutcome> insert(const Intent& intent, std::int64_t now_ms) = 0;

  // Inside the writer's transaction (kInternal when none is open): inserts `intents` as insert() would one after
  // the other, in order (a reference given twice is present the second time, or a conflict), one outcome per
  // intent, a row problem being that row's outcome. Any other failure is the returned status; roll the transaction
  // back then. A store may do it in a few set-based statements (PostgreSQL: COPY); this default calls insert().
  using Outcomes = std::vector<Result<EnqueueOutcome>>;
  virtual Result<Outcomes> insert_all(std::span<const Intent> intents, std::int64_t now_ms);
  // How many intents one insert_all call should carry: 1 where insert() costs no more than a batch's share.
  virtual std::size_t batch_rows() const { return 1; }

  // Opens the writer's transaction, taking the write lock where the store has one; kBusy when another writer
  // kept it past the connection's busy timeout, and nothing is open then.
  virtual Status begin() = 0;
  // Commits the open transaction; only then are its rows stored. kInternal when none is open.
  virtual Status commit() = 0;
  // Rolls back the open transaction, if any (also done when the writer goes).
  virtual void rollback() = 0;
  virtual bool in_transaction() const = 0;
  // A number that changes when another connection commits (never for this one's own commits): two different
  // readings mean another writer got the write lock in between (the import's pacing watches it).
  virtual Result<std::int64_t> data_version() = 0;
};

}  // namespace payq::store
