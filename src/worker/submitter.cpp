// worker/submitter.cpp — the submit loop. The permit is taken before the claim and given back when nothing was
// claimed, so a lease never ticks while its intent waits for the budget. The claim is confirmed right before the
// send; a received remote id is logged, then committed (waiting out any database trouble) before anything else.
#include "worker/submitter.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "common/intent_log.h"
#include "worker/throttle_report.h"

namespace payq::worker {

Submitter::Submitter(const WorkerContext& context, std::unique_ptr<store::Connection> db,
                     api::HttpTransport& transport, std::stop_token stop)
    : context_(context),
      db_(std::move(db)),
      stop_(stop),
      queue_(db_->queue()),
      calls_(db_->call_log()),
      recorder_(calls_, context.limiter, &context.metrics),
      gate_(context.limiter, context.clock, stop),
      api_(transport, context.tokens, gate_, context.clock, context.api, recorder_.sink()),
      writer_(context.clock, context.store_health, stop),
      rng_(std::random_device{}()) {}

Pass Submitter::run_once() {
  if (stop_.stop_requested()) return Pass::kStopped;
  if (auto blocked = context_.partner.blocked_until()) {
    const auto wake = std::min(*blocked, context_.clock.steady_now() + context_.settings.idle_check);
    return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
  }
  if (!context_.store_health.claims_allowed() || context_.pause.paused()) return wait_while_held_back();
  const std::uint64_t seen_arrivals = context_.arrivals.generation();  // before looking: no ring gets lost
  auto due = queue_.next_attempt_due();
  if (!due) return wait_after_store_failure(due.status(), "look for due intents");
  if (!due->has_value() || **due > wall_ms(context_.clock)) return wait_for_work(*due, seen_arrivals);
  return claim_and_submit();
}

Pass Submitter::claim_and_submit() {
  auto permit = context_.scheduler.acquire(Side::kSubmit, stop_);
  if (!permit) return Pass::kStopped;
  if (context_.pause.paused()) {  // paused while this thread waited for its permit: claim nothing
    context_.scheduler.give_back(Side::kSubmit, *permit);
    return Pass::kIdle;
  }
  const std::int64_t now = wall_ms(context_.clock);
  auto claimed = queue_.claim(context_.owners.next(), now, now + context_.settings.lease.count());
  if (!claimed || !claimed->has_value()) {  // a store failure, or another submitter was quicker
    context_.scheduler.give_back(Side::kSubmit, *permit);
    if (!claimed) return wait_after_store_failure(claimed.status(), "claim");
    return Pass::kIdle;
  }
  const store::ClaimedIntent intent = **claimed;
  if (!context_.partner.admit()) {  // another thread is probing the partner right now
    context_.scheduler.give_back(Side::kSubmit, *permit);
    release(intent, "waiting for the partner API to answer a probe");
    return Pass::kIdle;
  }
  gate_.prepay(*permit);
  gate_.check_before_send([this, &intent] {
    return queue_.confirm(intent, wall_ms(context_.clock) + context_.settings.lease.count());
  });
  const Pass pass = submit(intent);
  gate_.check_before_send({});
  return pass;
}

// Nothing due: sleep until the next intent is due or new ones arrive. While a listener rings the bell for every
// arrival, looking on our own is only a safety net and can be rarer.
Pass Submitter::wait_for_work(std::optional<std::int64_t> next_due_ms, std::uint64_t seen_arrivals) {
  WorkBell& bell = context_.arrivals;
  const auto idle = bell.listening() ? context_.settings.listening_idle_check : context_.settings.idle_check;
  const auto wake = idle_wake(context_.clock, next_due_ms, idle);
  const WorkBell::Wake woken = bell.sleep_until(context_.clock, wake, seen_arrivals, stop_);
  return woken == WorkBell::Wake::kStopped ? Pass::kStopped : Pass::kIdle;
}

// Paused, or the database allows no claims: neither is announced by the bell, so look again after idle_check.
Pass Submitter::wait_while_held_back() {
  const auto wake = context_.clock.steady_now() + context_.settings.idle_check;
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

// A read or a claim met the database's bad moment: say so (the writer logs waits), back off, look again.
Pass Submitter::wait_after_store_failure(const Status& status, std::string_view what) {
  context_.store_health.note_failure(status, what);  // at most one line per busy timeout
  const auto wake = context_.clock.steady_now() + PatientWriter::kMaxWait;
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

Pass Submitter::submit(const store::ClaimedIntent& intent) {
  recorder_.serve(intent.id);
  const api::ApiResult result =
      api_.create({intent.reference_id, intent.amount, intent.currency, intent.redirect_url});
  if (auto unused = gate_.take_unused()) context_.scheduler.give_back(Side::kSubmit, *unused);
  const IntentFields about{intent.reference_id, result.remote_id};
  context_.partner.report(partner_signal(result), result.error, about);
  if (result.outcome == api::Outcome::kRateLimited) report_rate_limited(context_, about, result);
  if (result.not_sent_locally) {
    if (gate_.refusal().code() == StatusCode::kConflict) {
      log_intent(spdlog::level::err, about, "{}", result.error);  // someone else owns it now: touch nothing
    } else {
      release(intent, result.error);
    }
  } else {
    record(intent, result);
  }
  flush_calls();
  return Pass::kWorked;
}

void Submitter::record(const store::ClaimedIntent& intent, const api::ApiResult& result) {
  const std::int64_t now = wall_ms(context_.clock);
  const CreateDecision decision = decide_create(result, intent, now, context_.settings.create, rng_);
  const IntentFields about{intent.reference_id, {}};
  Status written;
  switch (decision.step) {
    case CreateStep::kSubmitted:
      return record_created(intent, result, now);
    case CreateStep::kRetry:
      written = writer_.write("reschedule", [&] {
        return queue_.reschedule(intent, decision.next_attempt_at_ms, decision.note, now);
      }, about);
      log_intent(spdlog::level::debug, about, "retry in {} ms: {}", decision.next_attempt_at_ms - now,
                 decision.note.error);
      break;
    case CreateStep::kFail:
      written = writer_.write("fail", [&] { return queue_.fail(intent, decision.note, now); }, about);
      log_intent(spdlog::level::err, about, "failed: {}", decision.note.error);
      break;
    case CreateStep::kHold:
      written = writer_.write("hold", [&] { return queue_.hold(intent, decision.note, now); }, about);
      log_intent(spdlog::level::warn, about, "on hold for an operator: {}", decision.note.error);
      break;
  }
  if (written.code() == StatusCode::kConflict) {
    // The claim was lost meanwhile: the newer owner's state stands.
    log_intent(spdlog::level::err, about, "{}", written.message());
  } else if (!written) {
    log_intent(spdlog::level::err, about, "outcome not recorded ({}): {}", written.message(), decision.note.error);
  }
}

// The remote id is the one thing that must never be lost: logged before the first write attempt, committed before
// the api_calls rows, and no thread claims anything new while it waits (PendingOutcome).
void Submitter::record_created(const store::ClaimedIntent& intent, const api::ApiResult& result, std::int64_t now) {
  StoreHealth::PendingOutcome pending(context_.store_health);
  const IntentFields about{intent.reference_id, result.remote_id};
  log_intent(spdlog::level::info, about, "created, status={}", result.remote_status);
  const std::int64_t first_poll = next_poll_at(now, PollHistory{now, now, 0}, context_.settings.polls, nullptr);
  store::CreatedRecord where = store::CreatedRecord::kAttached;
  const Status written = writer_.write("record remote id", [&] {
    auto recorded = queue_.record_created(intent, result.remote_id, result.remote_status, result.body, now, first_poll,
                                          result.payment_url);
    if (recorded) where = *recorded;
    return recorded.status();
  }, about);
  if (!written) {
    log_intent(spdlog::level::critical, about, "NOT recorded in the database ({}); record it with `payq resolve`",
               written.message());
  } else if (where == store::CreatedRecord::kOrphan) {
    log_intent(spdlog::level::err, about,
               "the claim was lost or another request is recorded; kept as an orphan candidate (v_orphan_candidates)");
  }
}

void Submitter::release(const store::ClaimedIntent& intent, const std::string& why) {
  const IntentFields about{intent.reference_id, {}};
  const Status released = writer_.write("release", [&] {
    return queue_.release(intent, why, wall_ms(context_.clock));
  }, about);
  if (!released) log_intent(spdlog::level::err, about, "{}", released.message());
}

void Submitter::flush_calls() {
  if (Status flushed = recorder_.flush(); !flushed) spdlog::warn("api_calls rows not written: {}", flushed.message());
}

Status Submitter::run() { return run_until_stopped(*this); }

}  // namespace payq::worker
