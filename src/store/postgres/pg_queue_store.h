// store/postgres/pg_queue_store.h — QueueStore on PostgreSQL: claims take the oldest due row with FOR UPDATE SKIP
// LOCKED, so concurrent claimers never wait on each other; outcomes are guarded by the claim owner as on SQLite.
// One instance per connection, one thread.
#pragma once

#include <pqxx/connection>

#include "store/queue_store.h"

namespace payq::store::postgres {

class PgQueueStore final : public QueueStore {
 public:
  explicit PgQueueStore(pqxx::connection& session);

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
                          std::optional<std::int64_t> next_attempt_at_ms, const AttemptNote& note,
                          std::int64_t now_ms, std::optional<std::string> reason = std::nullopt);

  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
