// store/sqlite/sqlite_queue_store.h — QueueStore on SQLite: claims by one UPDATE … RETURNING, outcomes guarded by
// the claim owner, each multi-statement write an IMMEDIATE transaction. One instance per connection (prepared
// statements), one thread.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "store/queue_store.h"

namespace payq::store {

class SqliteQueueStore final : public QueueStore {
 public:
  explicit SqliteQueueStore(SQLite::Database& db);
  Result<std::optional<ClaimedIntent>> claim(ClaimOwner owner, std::int64_t now_ms,
                                             std::int64_t lease_until_ms) override;
  Status confirm(const ClaimedIntent& intent, std::int64_t lease_until_ms) override;
  Result<CreatedRecord> record_created(const ClaimedIntent& intent, const std::string& remote_id,
                                       const std::string& remote_status, const std::string& payload,
                                       std::int64_t now_ms, std::int64_t next_poll_at_ms,
                                       const std::optional<std::string>& payment_url = std::nullopt) override;
  Status reschedule(const ClaimedIntent& intent, std::int64_t next_attempt_at_ms, const AttemptNote& note,
                    std::int64_t now_ms) override;
  Status fail(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) override;
  Status hold(const ClaimedIntent& intent, const AttemptNote& note, std::int64_t now_ms) override;
  Status release(const ClaimedIntent& intent, const std::string& why, std::int64_t now_ms) override;
  Result<std::vector<ClaimedIntent>> claims_to_recover(std::int64_t own_epoch,
                                                       std::int64_t leases_ended_by_ms) override;
  Result<std::optional<std::int64_t>> next_attempt_due() override;

 private:
  Status leave_submitting(const char* state, const ClaimedIntent& intent,
                          std::optional<std::int64_t> next_attempt_at_ms, const AttemptNote& note, std::int64_t now_ms,
                          std::optional<std::string> reason = std::nullopt);
  Result<CreatedRecord> record_orphan(const ClaimedIntent& intent, const std::string& remote_id,
                                      const std::string& remote_status, const std::string& payload, std::int64_t now_ms,
                                      const std::string& attach_failure);

  SQLite::Database& db_;
  SQLite::Statement claim_;
  SQLite::Statement confirm_;
  SQLite::Statement submitted_;
  SQLite::Statement leave_;
};

}  // namespace payq::store
