// integration/api/sandbox_process.cpp — posix_spawn of the sandbox with its stdout on a pipe, a bounded
// read of the port line, and a bounded stop of that one PID.
#include "sandbox_process.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

extern char** environ;

namespace payq::testing {
namespace {

constexpr int kStartTimeoutMs = 10000;

// Reads from fd until a full line arrives or the deadline passes.
std::string read_line(int fd, int timeout_ms) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<size_t>(n));
  }
  return line;
}

}  // namespace

SandboxProcess::SandboxProcess(const std::vector<std::string>& args) {
  std::vector<std::string> argv_text = {PAYQ_SANDBOX_PATH, "--port", "0"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    error_ = "pipe failed";
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  const int rc = posix_spawn(&pid_, PAYQ_SANDBOX_PATH, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    pid_ = -1;
    close(pipe_fds[0]);
    error_ = "posix_spawn failed";
    return;
  }
  const std::string line = read_line(pipe_fds[0], kStartTimeoutMs);
  close(pipe_fds[0]);  // the sandbox prints nothing else on stdout
  const std::string prefix = "listening on 127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) {
    error_ = "sandbox did not report its port: '" + line + "'";
    stop();
    return;
  }
  port_ = std::stoi(line.substr(prefix.size()));
}

SandboxProcess::~SandboxProcess() { stop(); }

void SandboxProcess::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (waitpid(pid_, nullptr, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

}  // namespace payq::testing
