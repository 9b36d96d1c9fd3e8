// limiter/send_log.cpp — SendLog: the sliding-window rule over the recorded starts.
// Pure bookkeeping over a deque; the caller supplies time and holds the lock.
#include "limiter/send_log.h"

#include <algorithm>
#include <cassert>

namespace payq::limiter {

SteadyTime SendLog::earliest_start(const WindowRule& rule) const {
  SteadyTime earliest = SteadyTime::min();
  const std::size_t capacity = std::max<std::size_t>(rule.capacity, 1);
  if (entries_.size() >= capacity) {
    earliest = entries_[entries_.size() - capacity].at + rule.window;
  }
  if (!entries_.empty()) {
    earliest = std::max(earliest, entries_.back().at + rule.gap);
  }
  return earliest;
}

void SendLog::record(std::uint64_t id, SteadyTime at) {
  assert(entries_.empty() || entries_.back().at <= at);
  entries_.push_back(Entry{id, at});
}

bool SendLog::erase(std::uint64_t id) {
  auto it = std::find_if(entries_.begin(), entries_.end(), [id](const Entry& e) { return e.id == id; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

void SendLog::prune(SteadyTime horizon) {
  while (!entries_.empty() && entries_.front().at < horizon) entries_.pop_front();
}

std::size_t SendLog::count_between(SteadyTime since, SteadyTime until) const {
  return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return e.at > since && e.at <= until;
  }));
}

}  // namespace payq::limiter
