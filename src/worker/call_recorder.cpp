// worker/call_recorder.cpp — CallRecord -> store::CallRow. Only response-bearing calls feed the jitter margin:
// a timeout's "latency" is the timeout, not a round trip.
#include "worker/call_recorder.h"

#include <string>

#include "common/clock.h"

namespace payq::worker {

api::CallSink CallRecorder::sink() {
  return [this](const api::CallRecord& call) { record(call); };
}

void CallRecorder::record(const api::CallRecord& call) {
  if (call.http_status > 0) limiter_.observe_rtt(call.latency);
  if (metrics_ != nullptr) metrics_->record_call(call);
  store::CallRow row;
  row.intent_id = call.kind == api::RequestKind::kToken ? std::nullopt : intent_id_;
  row.kind = std::string(api::to_string(call.kind));
  row.started_at_ms = to_unix_ms(call.started_at);
  row.latency_ms = call.latency.count();
  if (call.http_status > 0) row.http_status = call.http_status;
  if (call.transport_error) row.transport_error = std::string(api::to_string(*call.transport_error));
  row.outcome = std::string(api::to_string(call.outcome));  // spelled as the api_calls CHECK expects
  row.ambiguous = call.ambiguous;
  if (!call.error.empty()) row.error = call.error;
  pending_.push_back(std::move(row));
}

Status CallRecorder::flush() {
  Status first;
  for (const store::CallRow& row : pending_) {
    if (Status written = log_.append(row); !written && first.is_ok()) first = written;
  }
  pending_.clear();
  return first;
}

}  // namespace payq::worker
