// payq/producer.h — the C++ producer API: enqueue one intent or many in one transaction, with the same
// validation and idempotency as `payq enqueue` / `payq import`. "Stored" is said only after the commit.
// One Producer per thread (it owns one SQLite connection); any number of producer processes may share a file.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "payq/intent.h"
#include "payq/status.h"

namespace payq {

enum class EnqueueOutcome {
  kInserted,        // stored now
  kAlreadyPresent,  // the same reference, amount, currency and redirect_url were stored before
};

struct EnqueueReceipt {
  std::string reference_id;  // generated when the input had none
  EnqueueOutcome outcome;
};

struct ProducerOptions {
  std::chrono::milliseconds busy_timeout{5000};  // how long to wait for another writer's lock
  std::optional<std::string> password_file{};     // PostgreSQL only: a 0600 file holding the password
};

class Producer {
 public:
  // Opens (creating and migrating when needed) the database at `database`: an SQLite file path, or a
  // postgresql:// URL (PostgreSQL: the database must exist; the schema is created or brought up to date).
  static Result<std::unique_ptr<Producer>> open(const std::string& database, const ProducerOptions& options = {});
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // One intent, committed before returning. Errors: kInvalidArgument (names the field), kConflict
  // (same reference, other content), kBusy/kDatabase (nothing stored).
  Result<EnqueueReceipt> enqueue(IntentInput input);

  // All or nothing: every intent valid and free of conflicts, committed in one transaction; else nothing
  // is stored and the error names the failing item ("item 17 (ref=A-17): amount: ...").
  Result<std::vector<EnqueueReceipt>> enqueue_batch(std::vector<IntentInput> inputs);

 private:
  struct Impl;
  explicit Producer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace payq
