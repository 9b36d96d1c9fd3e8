// worker/submission_pause.cpp — the flag and its description; a change of state is logged at warn (a pause)
// or info (a resume), so the journal says when claiming stopped and started again and who asked.
#include "worker/submission_pause.h"

#include <spdlog/spdlog.h>

#include "common/time_format.h"

namespace payq::worker {
namespace {

std::string describe_state(const store::PauseState& state) {
  std::string text = "submissions paused by " + state.paused_by + " since " + format_utc_ms(state.paused_at);
  if (!state.reason.empty()) text += ": " + state.reason;
  return text;
}

}  // namespace

bool SubmissionPause::update(const std::optional<store::PauseState>& state) {
  std::lock_guard lock(mutex_);
  const bool was_paused = state_.has_value();
  const bool changed = !known_ || was_paused != state.has_value();
  if (state && (!was_paused || !known_)) {
    spdlog::warn("{}: no new claims; polls and calls in flight go on", describe_state(*state));
  } else if (!state && was_paused) {
    spdlog::info("submissions resumed: claiming again");
  }
  state_ = state;
  known_ = true;
  paused_.store(state.has_value(), std::memory_order_release);
  return changed;
}

std::optional<std::string> SubmissionPause::describe() const {
  std::lock_guard lock(mutex_);
  if (!known_) return std::string("submissions held until the pause state is read");
  if (!state_) return std::nullopt;
  return describe_state(*state_);
}

}  // namespace payq::worker
