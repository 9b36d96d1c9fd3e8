// support/log_capture.h — for one test, spdlog's default logger is payq's own (text or JSON lines, as the daemon
// builds it) writing into a string; the previous default logger is back when the capture ends.
#pragma once

#include <doctest/doctest.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/logging.h"

namespace payq::testing {

class LogCapture {
 public:
  explicit LogCapture(config::LogFormat format = config::LogFormat::kText, std::string level = "trace")
      : saved_(spdlog::default_logger()) {
    REQUIRE(daemon::configure_logging({std::move(level), format, false}, out_).is_ok());
  }
  ~LogCapture() { spdlog::set_default_logger(saved_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  // Every line logged so far, without the timestamp (text lines) — JSON lines whole.
  std::vector<std::string> lines() const {
    std::vector<std::string> lines;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line.front() == '{' ? line : line.substr(25));
    return lines;
  }
  void clear() { out_.str(""); }

 private:
  std::shared_ptr<spdlog::logger> saved_;
  std::ostringstream out_;
};

}  // namespace payq::testing
