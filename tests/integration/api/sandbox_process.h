// integration/api/sandbox_process.h — runs one payq-sandbox child on a free port for a test and stops
// exactly that child (by PID) when the object dies. Reads "listening on 127.0.0.1:PORT" with a deadline.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace payq::testing {

class SandboxProcess {
 public:
  // Starts payq-sandbox --port 0 plus `args`; a failure to start is reported by ok() and error().
  explicit SandboxProcess(const std::vector<std::string>& args = {});
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  bool ok() const { return port_ > 0; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void stop();  // SIGTERM, wait up to 5 s, then SIGKILL; idempotent

 private:
  pid_t pid_ = -1;
  int port_ = -1;
  std::string error_;
};

}  // namespace payq::testing
