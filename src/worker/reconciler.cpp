// worker/reconciler.cpp — the poll loop. Due polls are read in small batches (oldest due first) and the
// scheduler is told about the backlog, so polls get their min_share of the budget while submissions also wait.
#include "worker/reconciler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace payq::worker {
namespace {

constexpr int kDueBatch = 32;

}  // namespace

bool is_terminal_remote_status(std::string_view status) {
  return status == "paid" || status == "expired" || status == "cancelled";
}

Reconciler::Reconciler(const WorkerContext& context, std::unique_ptr<SQLite::Database> db,
                       api::HttpTransport& transport, std::stop_token stop)
    : context_(context),
      db_(std::move(db)),
      stop_(stop),
      polls_(*db_),
      calls_(*db_),
      recorder_(calls_, context.limiter),
      gate_(context.limiter, context.clock, stop),
      api_(transport, context.tokens, gate_, context.clock, context.api, recorder_.sink()) {}

Pass Reconciler::stop_with(Status fatal) {
  fatal_ = std::move(fatal);
  context_.scheduler.set_backlog(Side::kPoll, false);
  return Pass::kFatal;
}

Pass Reconciler::run_once() {
  if (stop_.stop_requested()) return Pass::kStopped;
  if (due_.empty()) {
    auto batch = polls_.due(wall_ms(context_.clock), kDueBatch);
    if (!batch) return stop_with(batch.status());
    due_.assign(batch->begin(), batch->end());
  }
  context_.scheduler.set_backlog(Side::kPoll, !due_.empty());
  if (due_.empty()) return wait_for_due();
  auto permit = context_.scheduler.acquire(Side::kPoll, stop_);
  if (!permit) return Pass::kStopped;
  const store::DuePoll due = due_.front();
  due_.pop_front();
  gate_.prepay(*permit);
  return poll(due);
}

Pass Reconciler::wait_for_due() {
  auto next = polls_.next_due();
  if (!next) return stop_with(next.status());
  const auto wake = idle_wake(context_.clock, *next, context_.settings.idle_check);
  return context_.clock.sleep_until(wake, stop_) ? Pass::kIdle : Pass::kStopped;
}

Pass Reconciler::poll(const store::DuePoll& due) {
  recorder_.serve(due.id);
  const api::ApiResult result = api_.get(due.remote_id, due.reference_id);
  if (auto unused = gate_.take_unused()) context_.scheduler.give_back(Side::kPoll, *unused);
  if (result.outcome == api::Outcome::kRateLimited) context_.limiter.on_throttled(result.retry_after);
  if (!recorder_.error().is_ok()) return stop_with(recorder_.error());
  return record(due, result);
}

Pass Reconciler::record(const store::DuePoll& due, const api::ApiResult& result) {
  const std::int64_t now = wall_ms(context_.clock);
  const int polls_done = static_cast<int>(due.polls) + 1;
  const std::int64_t next = now + poll_interval(polls_done, context_.settings.polls).count();
  Status written;
  if (result.outcome == api::Outcome::kSuccess) {
    const bool settle = is_terminal_remote_status(result.remote_status);
    if (!settle && result.remote_status != "pending") {
      spdlog::warn("ref={} {}: unknown status '{}' recorded as is; still polling", due.reference_id, due.remote_id,
                   result.remote_status);
    }
    if (result.remote_status != due.remote_status) {
      spdlog::debug("ref={} {}: {} -> {}", due.reference_id, due.remote_id, due.remote_status, result.remote_status);
    }
    written = polls_.record_answer(due.id, result.remote_status, result.body, settle,
                                   settle ? std::nullopt : std::optional<std::int64_t>(next), now);
  } else {
    const std::int64_t retry = result.retry_after ? std::max(next, now + result.retry_after->count()) : next;
    written = polls_.record_failure(due.id, std::string(api::to_string(result.outcome)) + ": " + result.error, retry, now);
  }
  if (written.code() == StatusCode::kConflict) {
    spdlog::info("ref={}: {}", due.reference_id, written.message());  // an operator moved it meanwhile
    return Pass::kWorked;
  }
  if (!written) return stop_with(written);
  return Pass::kWorked;
}

Status Reconciler::run() {
  Status result = run_until_stopped(*this);
  context_.scheduler.set_backlog(Side::kPoll, false);
  return result;
}

}  // namespace payq::worker
