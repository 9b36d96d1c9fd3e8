// store/poll_store.h — the reconcile side of the queue: which submitted requests are due a poll (oldest due
// first), and the recording of each poll's answer; a status change and its transition row are one statement.
// One PollStore per thread. Times are UTC ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "payq/status.h"

namespace payq::store {

struct DuePoll {
  std::int64_t id = 0;
  std::string reference_id;
  std::string remote_id;
  std::string remote_status;
  std::int64_t polls = 0;
  std::int64_t submitted_at = 0;
  std::int64_t next_poll_at = 0;
  std::int64_t pending_seen_at = 0;  // the latest poll that found it pending; submitted_at before any
  std::int64_t created_at = 0;       // when the intent was enqueued (UTC ms)
};

class PollStore {
 public:
  virtual ~PollStore() = default;

  // Up to `limit` submitted intents with next_poll_at <= now, oldest due first.
  virtual Result<std::vector<DuePoll>> due(std::int64_t now_ms, int limit) = 0;

  // The answer of a poll: the remote status and body, counted; `settle` moves the intent to settled
  // (terminal remote status), otherwise the request was found pending now and next_poll_at schedules the next look.
  virtual Status record_answer(std::int64_t id, const std::string& remote_status, const std::string& payload,
                               bool settle, std::optional<std::int64_t> next_poll_at_ms, std::int64_t now_ms) = 0;

  // A poll that got no usable answer: counted, error kept, polled again at next_poll_at.
  virtual Status record_failure(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                std::int64_t now_ms) = 0;

  // A poll answered 404: counted; after `hold_after` such answers in a row the intent goes on_hold (the partner
  // does not know the id: a typo in `payq resolve`, or a request it deleted). Returns true when it was held.
  virtual Result<bool> record_not_found(std::int64_t id, const std::string& error, std::int64_t next_poll_at_ms,
                                        int hold_after, std::int64_t now_ms) = 0;
  // Earliest next_poll_at of a submitted intent (nullopt when none awaits a poll).
  virtual Result<std::optional<std::int64_t>> next_due() = 0;
};

}  // namespace payq::store
