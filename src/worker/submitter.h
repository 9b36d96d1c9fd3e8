// worker/submitter.h — one submitter thread's loop: take a permit, claim the oldest due intent, confirm the claim
// right before sending, create its payment request, commit the outcome, then the bookkeeping. Owns its database
// connection and HTTP transport; one thread only. Stops claiming once stop is requested; a call in flight
// finishes (or is aborted by the transport) and is recorded. Database trouble is waited out, never fatal.
#pragma once

#include <memory>
#include <random>
#include <stop_token>

#include "api/http_transport.h"
#include "api/payment_api.h"
#include "store/connection.h"
#include "worker/call_recorder.h"
#include "worker/limiter_gate.h"
#include "worker/service_loop.h"
#include "worker/worker_context.h"

namespace payq::worker {

class Submitter {
 public:
  // transport: this thread's own (libcurl in the daemon, a fake in tests).
  Submitter(const WorkerContext& context, std::unique_ptr<store::Connection> db, api::HttpTransport& transport,
            std::stop_token stop);

  // One pass: submit one due intent if there is one, claims are allowed and submissions are not paused;
  // otherwise wait: until the next intent is due or the arrivals bell rings (looking again after idle_check, or
  // listening_idle_check while the bell is listening), or until the partner breaker lets requests go again.
  Pass run_once();
  // Loops run_once until stop; returns ok (a submitter has no fatal errors: the database is waited out).
  Status run();

 private:
  Pass claim_and_submit();
  Pass submit(const store::ClaimedIntent& intent);
  Pass wait_for_work(std::optional<std::int64_t> next_due_ms, std::uint64_t seen_arrivals);
  Pass wait_while_held_back();
  Pass wait_after_store_failure(const Status& status, std::string_view what);
  void record(const store::ClaimedIntent& intent, const api::ApiResult& result);
  void record_created(const store::ClaimedIntent& intent, const api::ApiResult& result, std::int64_t now);
  void release(const store::ClaimedIntent& intent, const std::string& why);
  void flush_calls();

  const WorkerContext& context_;
  std::unique_ptr<store::Connection> db_;
  std::stop_token stop_;
  store::QueueStore& queue_;
  store::CallLog& calls_;
  CallRecorder recorder_;
  PrepaidGate gate_;
  api::PaymentApi api_;
  PatientWriter writer_;
  std::mt19937_64 rng_;
};

}  // namespace payq::worker
