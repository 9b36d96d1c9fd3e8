// sandbox/stats.h — what the sandbox saw, for /_admin/stats: answers by endpoint and status (0 = closed
// without an answer), 429s and 401s. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace payq::sandbox {

class Stats {
 public:
  void record(const std::string& endpoint, int status);
  std::map<std::string, std::map<int, int>> by_endpoint() const;
  int count_status(int status) const;  // across endpoints

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<int, int>> counts_;  // guarded by mutex_
};

}  // namespace payq::sandbox
