// worker/reconciler.h — the reconciler thread: polls submitted payment requests when next_poll_at says (most
// urgent first under the adaptive policy, oldest due first under backoff) and commits each answer (status
// change + transition in one statement); terminal statuses settle the intent, a remote id the partner keeps
// answering 404 goes on hold. Owns its database connection and HTTP transport; one thread only.
// Database trouble is waited out and a partner outage pauses polling (PartnerBreaker); neither is fatal.
#pragma once

#include <deque>
#include <memory>
#include <stop_token>

#include "api/http_transport.h"
#include "api/payment_api.h"
#include "store/connection.h"
#include "worker/call_recorder.h"
#include "worker/limiter_gate.h"
#include "worker/poll_plan_source.h"
#include "worker/service_loop.h"
#include "worker/worker_context.h"

namespace payq::worker {

// paid, expired and cancelled end a payment request; anything else (pending, or a status the partner adds
// later) keeps it polled.
bool is_terminal_remote_status(std::string_view status);

class Reconciler {
 public:
  Reconciler(const WorkerContext& context, std::unique_ptr<store::Connection> db, api::HttpTransport& transport,
             std::stop_token stop);

  // One pass: poll the oldest due request if any is due; otherwise wait until one is (at most idle_check).
  Pass run_once();
  Status run();

 private:
  Pass poll(const store::DuePoll& due);
  void record(const store::DuePoll& due, const api::ApiResult& result);
  Status record_failure(const store::DuePoll& due, const api::ApiResult& result, std::int64_t next, std::int64_t now);
  Status read_due();
  static PollHistory history_of(const store::DuePoll& due);
  Pass wait_for_due();
  Pass wait_after_store_failure(const Status& status, std::string_view what);

  const WorkerContext& context_;
  std::unique_ptr<store::Connection> db_;
  std::stop_token stop_;
  store::PollStore& polls_;
  store::CallLog& calls_;
  store::SettleHistory& history_;
  PollPlanSource plans_;
  CallRecorder recorder_;
  PrepaidGate gate_;
  api::PaymentApi api_;
  PatientWriter writer_;
  std::deque<store::DuePoll> due_;  // a batch of due polls in serving order, re-read when used up or stale
  std::chrono::steady_clock::time_point due_read_at_{};
};

}  // namespace payq::worker
