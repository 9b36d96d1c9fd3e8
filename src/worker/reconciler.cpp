// worker/reconciler.cpp — the poll loop. Due polls are read in batches (most urgent first under the adaptive
// policy) and the scheduler is told about the backlog, so polls get their min_share while submissions wait.
#include "worker/reconciler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "common/intent_log.h"
#include "worker/throttle_report.h"

namespace payq::worker {
namespace {

// Due polls are read in batches, and re-read when used up or older than kDueRefresh, so the likeliest-first order
// (adaptive) is kept across the whole due set while polls compete for the budget.
constexpr int kDueBatch = 2048;
constexpr std::chrono::seconds kDueRefresh{5};
constexpr int kNotFound = 404;

}  // namespace

bool is_terminal_remote_status(std::string_view status) {
  return status == "paid" || status == "expired" || status == "cancelled";
}

Reconciler::Reconciler(const WorkerContext& context, std::unique_ptr<store::Connection> db,
                       api::HttpTransport& transport, std::stop_token stop)
    : context_(context),
      db_(std::move(db)),
      stop_(stop),
      polls_(db_->polls()),
      calls_(db_->call_log()),
      history_(db_->settle_history()),
      plans_(history_, context.settings.polls, context.clock),
      recorder_(calls_, context.limiter, &context.metrics),
      gate_(context.limiter, context.clock, stop),
      api_(transport, context.tokens, gate_, context.clock, context.api, recorder_.sink()),
      writer_(context.clock, context.store_health, stop) {}

Pass Reconciler::run_once() {
  if (stop_.stop_requested()) return Pass::kStopped;
  if (auto blocked = context_.partner.blocked_until()) {
    context_.scheduler.set_backlog(Side::kPoll, false);
    const auto wake = std::min(*blocked, context_.clock.steady_now() + context_.settings.idle_check);
    return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
  }
  if (due_.empty() || context_.clock.steady_now() - due_read_at_ >= kDueRefresh) {
    if (Status read = read_due(); !read) return wait_after_store_failure(read, "look for due polls");
  }
  context_.scheduler.set_backlog(Side::kPoll, !due_.empty());
  if (due_.empty()) return wait_for_due();
  auto permit = context_.scheduler.acquire(Side::kPoll, stop_);
  if (!permit) return Pass::kStopped;
  if (!context_.partner.admit()) {  // another thread is probing the partner right now
    context_.scheduler.give_back(Side::kPoll, *permit);
    return Pass::kIdle;
  }
  const store::DuePoll due = due_.front();
  due_.pop_front();
  gate_.prepay(*permit);
  return poll(due);
}

// The due batch, most urgent first under adaptive (poll_urgency; oldest due first otherwise, and among equals).
Status Reconciler::read_due() {
  const std::int64_t now = wall_ms(context_.clock);
  auto batch = polls_.due(now, kDueBatch);
  if (!batch) return batch.status();
  due_read_at_ = context_.clock.steady_now();
  if (const AdaptivePlan* plan = plans_.current()) {
    std::vector<std::pair<double, store::DuePoll>> ranked;
    ranked.reserve(batch->size());
    for (store::DuePoll& due : *batch) {
      const double urgency = poll_urgency(now, history_of(due), plan);
      ranked.emplace_back(urgency, std::move(due));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    due_.clear();
    for (auto& [urgency, due] : ranked) due_.push_back(std::move(due));
  } else {
    due_.assign(batch->begin(), batch->end());
  }
  return Status::ok();
}

PollHistory Reconciler::history_of(const store::DuePoll& due) {
  return {due.submitted_at, due.pending_seen_at, static_cast<int>(due.polls)};
}

Pass Reconciler::wait_for_due() {
  auto next = polls_.next_due();
  if (!next) return wait_after_store_failure(next.status(), "look for the next due poll");
  const auto wake = idle_wake(context_.clock, *next, context_.settings.idle_check);
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

Pass Reconciler::wait_after_store_failure(const Status& status, std::string_view what) {
  context_.scheduler.set_backlog(Side::kPoll, false);
  context_.store_health.note_failure(status, what);
  const auto wake = context_.clock.steady_now() + PatientWriter::kMaxWait;
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

Pass Reconciler::poll(const store::DuePoll& due) {
  recorder_.serve(due.id);
  const api::ApiResult result = api_.get(due.remote_id, due.reference_id);
  if (auto unused = gate_.take_unused()) context_.scheduler.give_back(Side::kPoll, *unused);
  const IntentFields about{due.reference_id, due.remote_id};
  context_.partner.report(partner_signal(result), result.error, about);
  if (result.outcome == api::Outcome::kRateLimited) report_rate_limited(context_, about, result);
  if (result.not_sent_locally) {
    due_.clear();  // nothing was asked: re-read the due list when the budget allows again
  } else {
    record(due, result);
  }
  if (Status flushed = recorder_.flush(); !flushed) spdlog::warn("api_calls rows not written: {}", flushed.message());
  return Pass::kWorked;
}

void Reconciler::record(const store::DuePoll& due, const api::ApiResult& result) {
  const std::int64_t now = wall_ms(context_.clock);
  PollHistory polled = history_of(due);
  ++polled.polls_done;
  const AdaptivePlan* plan = plans_.current();
  const IntentFields about{due.reference_id, due.remote_id};
  Status written;
  if (result.outcome == api::Outcome::kSuccess) {
    const bool settle = is_terminal_remote_status(result.remote_status);
    if (!settle && result.remote_status != "pending") {
      log_intent(spdlog::level::warn, about, "unknown status '{}' recorded as is; still polling", result.remote_status);
    }
    if (result.remote_status != due.remote_status) {
      log_intent(spdlog::level::info, about, "{} -> {}", due.remote_status, result.remote_status);
    }
    polled.pending_seen_ms = now;  // found pending (or settled: then there is no next poll)
    const std::int64_t next = next_poll_at(now, polled, context_.settings.polls, plan);
    written = writer_.write("record poll", [&] {
      return polls_.record_answer(due.id, result.remote_status, result.body, settle,
                                  settle ? std::nullopt : std::optional<std::int64_t>(next), now);
    }, about);
  } else {
    written = record_failure(due, result, next_poll_at(now, polled, context_.settings.polls, plan), now);
  }
  if (written.is_ok() && result.outcome == api::Outcome::kSuccess && result.remote_status == "paid" &&
      due.remote_status != "paid") {
    context_.metrics.record_payment(std::chrono::milliseconds(now - due.created_at));
  }
  if (written.code() == StatusCode::kConflict) {
    log_intent(spdlog::level::info, about, "{}", written.message());  // an operator moved it meanwhile
  } else if (!written) {
    log_intent(spdlog::level::err, about, "poll answer not recorded: {}", written.message());
  }
}

Status Reconciler::record_failure(const store::DuePoll& due, const api::ApiResult& result, std::int64_t next,
                                  std::int64_t now) {
  const std::string error = std::string(api::to_string(result.outcome)) + ": " + result.error;
  const IntentFields about{due.reference_id, due.remote_id};
  if (result.outcome == api::Outcome::kPermanent && result.http_status == kNotFound) {
    bool held = false;
    Status written = writer_.write("record a 404 poll", [&] {
      auto recorded = polls_.record_not_found(due.id, error, next, context_.settings.max_not_found, now);
      if (recorded) held = *recorded;
      return recorded.status();
    }, about);
    if (held) {
      log_intent(spdlog::level::err, about, "on hold: the partner answered 404 to {} polls in a row",
                 context_.settings.max_not_found);
    }
    return written;
  }
  const std::int64_t retry = result.retry_after ? std::max(next, now + result.retry_after->count()) : next;
  return writer_.write("record a failed poll", [&] { return polls_.record_failure(due.id, error, retry, now); }, about);
}

Status Reconciler::run() {
  Status result = run_until_stopped(*this);
  context_.scheduler.set_backlog(Side::kPoll, false);
  return result;
}

}  // namespace payq::worker
