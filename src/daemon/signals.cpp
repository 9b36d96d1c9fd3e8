// daemon/signals.cpp — SignalWatcher over signalfd + poll, woken for stop by an eventfd: no periodic wake-ups,
// so an idle daemon costs no CPU here. Callbacks run on the watcher thread only.
#include "daemon/signals.h"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

namespace payq::daemon {
namespace {

sigset_t watched_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

const char* signal_name(std::uint32_t signo) {
  switch (signo) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    default: return "signal";
  }
}

void call(const std::function<void()>& callback) {
  if (callback) callback();
}

}  // namespace

class SignalWatcher::Watch {
 public:
  Watch(SignalCallbacks callbacks, sigset_t previous, int signal_fd, int wake_fd)
      : callbacks_(std::move(callbacks)), previous_(previous), signal_fd_(signal_fd), wake_fd_(wake_fd) {
    thread_ = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
  }
  ~Watch() {
    stop();
    drain();
    ::close(signal_fd_);
    ::close(wake_fd_);
    // SIGHUP stays blocked: a reload asked for while the process is on its way out (systemctl reload during a
    // stop) must not turn a clean exit into death by SIGHUP. Stop signals get their default action back.
    sigset_t restored = previous_;
    sigaddset(&restored, SIGHUP);
    pthread_sigmask(SIG_SETMASK, &restored, nullptr);
  }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  void stop() {
    if (!thread_.joinable()) return;
    thread_.request_stop();
    thread_.join();
  }

 private:
  void run(std::stop_token stop);
  void drain();
  void dispatch(std::uint32_t signo);

  const SignalCallbacks callbacks_;
  const sigset_t previous_;  // the starting thread's mask before start(), restored on destruction (but SIGHUP)
  const int signal_fd_;
  const int wake_fd_;         // written by the stop callback so poll() returns
  int stop_signals_ = 0;      // watcher thread only
  std::jthread thread_;       // last: started after, and joined before, everything it uses
};

void SignalWatcher::Watch::run(std::stop_token stop) {
  std::stop_callback wake(stop, [fd = wake_fd_] {
    const std::uint64_t one = 1;
    (void)::write(fd, &one, sizeof one);
  });
  while (!stop.stop_requested()) {
    std::array<pollfd, 2> fds{{{signal_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      spdlog::error("signal watcher: poll failed: {}; signals are no longer handled", std::strerror(errno));
      return;
    }
    if ((fds[0].revents & POLLIN) == 0) continue;
    signalfd_siginfo info{};
    if (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) dispatch(info.ssi_signo);
  }
}

// A signal still pending when the mask is restored would take its default action and kill a process that is
// already shutting down cleanly; read and drop it instead.
void SignalWatcher::Watch::drain() {
  signalfd_siginfo info{};
  while (::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    spdlog::info("ignoring {}: the signal watcher is shutting down", signal_name(info.ssi_signo));
  }
}

void SignalWatcher::Watch::dispatch(std::uint32_t signo) {
  if (signo == SIGHUP) {
    spdlog::info("received SIGHUP: reloading");
    call(callbacks_.on_reload);
    return;
  }
  if (++stop_signals_ == 1) {
    spdlog::info("received {}: stopping (send it again to stop at once)", signal_name(signo));
    call(callbacks_.on_stop);
  } else {
    spdlog::warn("received {} again: forcing stop", signal_name(signo));
    call(callbacks_.on_force_stop);
  }
}

Result<SignalWatcher> SignalWatcher::start(SignalCallbacks callbacks) {
  const sigset_t watched = watched_signals();
  sigset_t previous;
  if (const int error = pthread_sigmask(SIG_BLOCK, &watched, &previous); error != 0) {
    return Status(StatusCode::kInternal, std::string("block signals: ") + std::strerror(error));
  }
  const int signal_fd = ::signalfd(-1, &watched, SFD_CLOEXEC | SFD_NONBLOCK);
  const int wake_fd = signal_fd < 0 ? -1 : ::eventfd(0, EFD_CLOEXEC);
  if (signal_fd < 0 || wake_fd < 0) {
    Status status(StatusCode::kInternal, std::string("signalfd/eventfd: ") + std::strerror(errno));
    if (signal_fd >= 0) ::close(signal_fd);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return status;
  }
  try {
    return SignalWatcher(std::make_unique<Watch>(std::move(callbacks), previous, signal_fd, wake_fd));
  } catch (const std::exception& e) {  // std::system_error: no thread could be started
    ::close(signal_fd);
    ::close(wake_fd);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return Status(StatusCode::kInternal, std::string("start signal watcher: ") + e.what());
  }
}

SignalWatcher::SignalWatcher(std::unique_ptr<Watch> watch) : watch_(std::move(watch)) {}
SignalWatcher::SignalWatcher(SignalWatcher&&) noexcept = default;
SignalWatcher& SignalWatcher::operator=(SignalWatcher&&) noexcept = default;
SignalWatcher::~SignalWatcher() = default;

void SignalWatcher::stop() {
  if (watch_) watch_->stop();
}

}  // namespace payq::daemon
