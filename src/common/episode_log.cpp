// common/episode_log.cpp — the episode's counters and its three kinds of line (first, summary, closing).
// Lines are written while the mutex is held, so a summary never overtakes the first line of its episode.
#include "common/episode_log.h"

#include <spdlog/spdlog.h>

namespace payq {
namespace {

std::int64_t whole_seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

std::string with_context(std::string_view context) {
  return context.empty() ? std::string() : "; " + std::string(context);
}

}  // namespace

EpisodeLog::EpisodeLog(Clock& clock, std::string what, EpisodeOptions options)
    : clock_(clock), what_(std::move(what)), options_(options) {}

void EpisodeLog::occurred(spdlog::level::level_enum level, const IntentFields& about, std::string_view detail,
                          std::string_view context) {
  const auto now = clock_.steady_now();
  std::lock_guard lock(mutex_);
  if (open_ && now - last_seen_ < options_.quiet_ends) {
    ++total_;
    ++unsaid_;
    last_seen_ = now;
    if (now - last_line_ >= options_.summary_every) summarise_locked(now, context);
    return;
  }
  if (open_ && unsaid_ > 0) summarise_locked(now, "");  // the previous episode's tail, when nobody ticked
  open_ = true;
  total_ = 1;
  unsaid_ = 0;
  started_ = last_line_ = last_seen_ = now;
  log_intent(level, about, "{}: {}{}; further ones are summarised every {} s", what_, detail, with_context(context),
             options_.summary_every.count());
}

void EpisodeLog::tick(std::string_view context) {
  const auto now = clock_.steady_now();
  std::lock_guard lock(mutex_);
  if (!open_) return;
  if (unsaid_ > 0 && now - last_line_ >= options_.summary_every) summarise_locked(now, context);
  if (now - last_seen_ >= options_.quiet_ends) {
    if (unsaid_ > 0) summarise_locked(now, context);
    spdlog::warn("{}: none for {} s; {} in this episode of {} s", what_, whole_seconds(now - last_seen_), total_,
                 whole_seconds(last_seen_ - started_));
    open_ = false;
  }
}

std::int64_t EpisodeLog::end() {
  std::lock_guard lock(mutex_);
  const std::int64_t total = open_ ? total_ : 0;
  open_ = false;
  return total;
}

void EpisodeLog::summarise_locked(std::chrono::steady_clock::time_point now, std::string_view context) {
  spdlog::warn("{} {} times in the last {} s{}", what_, unsaid_, whole_seconds(now - last_line_),
               with_context(context));
  unsaid_ = 0;
  last_line_ = now;
}

}  // namespace payq
