// sandbox/stats.cpp — counters behind /_admin/stats.
// Plain maps under one mutex: the sandbox is a test tool, not a hot path.
#include "stats.h"

namespace payq::sandbox {

void Stats::record(const std::string& endpoint, int status) {
  std::lock_guard lock(mutex_);
  ++counts_[endpoint][status];
}

std::map<std::string, std::map<int, int>> Stats::by_endpoint() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

int Stats::count_status(int status) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& [endpoint, statuses] : counts_) {
    const auto it = statuses.find(status);
    if (it != statuses.end()) n += it->second;
  }
  return n;
}

}  // namespace payq::sandbox
