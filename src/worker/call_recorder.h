// worker/call_recorder.h — turns the API client's CallRecords into api_calls rows (one per HTTP attempt) and
// feeds each measured round trip to the Limiter's jitter margin and each call to the metrics registry. Rows are
// kept in memory until flush(): a job's outcome (above all a received remote id) is committed first, its
// bookkeeping after, best effort.
// One per worker thread, with its own CallLog.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "api/call_record.h"
#include "limiter/limiter.h"
#include "metrics/registry.h"
#include "store/call_log.h"

namespace payq::worker {

class CallRecorder {
 public:
  // metrics: counts each call as it is recorded (nullptr: not counted, e.g. a one-shot CLI command).
  CallRecorder(store::CallLog& log, limiter::Limiter& limiter, metrics::Registry* metrics = nullptr)
      : log_(log), limiter_(limiter), metrics_(metrics) {}

  // The intent the next calls serve (nullopt: none, e.g. a token call made for nobody).
  void serve(std::optional<std::int64_t> intent_id) { intent_id_ = intent_id; }
  // The sink to hand to PaymentApi; valid while this recorder lives.
  api::CallSink sink();
  // Writes the rows kept since the last flush, in one try each; the rows are gone either way. Returns the
  // first failure (the caller logs it: api_calls is bookkeeping, never a reason to stop or to lose an outcome).
  Status flush();

 private:
  void record(const api::CallRecord& call);

  store::CallLog& log_;
  limiter::Limiter& limiter_;
  metrics::Registry* metrics_;
  std::optional<std::int64_t> intent_id_;
  std::vector<store::CallRow> pending_;
};

}  // namespace payq::worker
