// worker/submitter.cpp — the submit loop. The permit is taken before the claim and given back when nothing
// was claimed, so a lease never ticks while its intent waits for the budget; the outcome (above all a remote
// id) is committed before the next claim.
#include "worker/submitter.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace payq::worker {

Submitter::Submitter(const WorkerContext& context, std::unique_ptr<SQLite::Database> db,
                     api::HttpTransport& transport, std::stop_token stop)
    : context_(context),
      db_(std::move(db)),
      stop_(stop),
      queue_(*db_),
      calls_(*db_),
      recorder_(calls_, context.limiter),
      gate_(context.limiter, context.clock, stop),
      api_(transport, context.tokens, gate_, context.clock, context.api, recorder_.sink()),
      rng_(std::random_device{}()) {}

Pass Submitter::stop_with(Status fatal) {
  fatal_ = std::move(fatal);
  return Pass::kFatal;
}

Pass Submitter::run_once() {
  if (stop_.stop_requested()) return Pass::kStopped;
  auto due = queue_.next_attempt_due();
  if (!due) return stop_with(due.status());
  if (!due->has_value() || **due > wall_ms(context_.clock)) return wait_for_work(*due);
  auto permit = context_.scheduler.acquire(Side::kSubmit, stop_);
  if (!permit) return Pass::kStopped;
  const std::int64_t now = wall_ms(context_.clock);
  auto claimed = queue_.claim(now, now + context_.settings.lease.count());
  if (!claimed) {
    context_.scheduler.give_back(Side::kSubmit, *permit);
    return stop_with(claimed.status());
  }
  if (!claimed->has_value()) {  // another submitter was quicker
    context_.scheduler.give_back(Side::kSubmit, *permit);
    return Pass::kIdle;
  }
  gate_.prepay(*permit);
  return submit(**claimed);
}

Pass Submitter::wait_for_work(std::optional<std::int64_t> next_due_ms) {
  const auto wake = idle_wake(context_.clock, next_due_ms, context_.settings.idle_check);
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

Pass Submitter::submit(const store::ClaimedIntent& intent) {
  recorder_.serve(intent.id);
  const api::ApiResult result =
      api_.create({intent.reference_id, intent.amount, intent.currency, intent.redirect_url});
  if (auto unused = gate_.take_unused()) context_.scheduler.give_back(Side::kSubmit, *unused);
  if (result.outcome == api::Outcome::kRateLimited) {
    context_.limiter.on_throttled(result.retry_after);
  }
  if (!recorder_.error().is_ok()) return stop_with(recorder_.error());
  return record(intent, result);
}

Pass Submitter::record(const store::ClaimedIntent& intent, const api::ApiResult& result) {
  const std::int64_t now = wall_ms(context_.clock);
  const CreateDecision decision = decide_create(result, intent, now, context_.settings.create, rng_);
  Status written;
  switch (decision.step) {
    case CreateStep::kSubmitted: {
      const auto first_poll = now + context_.settings.polls.first_poll_after.count();
      written = queue_.mark_submitted(intent.id, result.remote_id, result.remote_status, result.body, now, first_poll);
      spdlog::debug("ref={} created {} ({})", intent.reference_id, result.remote_id, result.remote_status);
      break;
    }
    case CreateStep::kRetry:
      written = queue_.reschedule(intent.id, decision.next_attempt_at_ms, decision.note, now);
      spdlog::debug("ref={} retry in {} ms: {}", intent.reference_id, decision.next_attempt_at_ms - now, decision.note.error);
      break;
    case CreateStep::kFail:
      written = queue_.fail(intent.id, decision.note, now);
      spdlog::info("ref={} failed: {}", intent.reference_id, decision.note.error);
      break;
    case CreateStep::kHold:
      written = queue_.hold(intent.id, decision.note, now);
      spdlog::warn("ref={} on hold for an operator: {}", intent.reference_id, decision.note.error);
      break;
  }
  if (written.code() == StatusCode::kConflict) {
    // The intent moved on without us (its lease was recovered): say so loudly, keep working.
    spdlog::error("ref={}: {}", intent.reference_id, written.message());
    return Pass::kWorked;
  }
  if (!written) return stop_with(written);
  return Pass::kWorked;
}

Status Submitter::run() { return run_until_stopped(*this); }

}  // namespace payq::worker
