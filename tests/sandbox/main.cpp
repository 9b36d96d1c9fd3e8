// sandbox/main.cpp — payq-sandbox: parse options, bind 127.0.0.1, print the port, serve until SIGTERM or
// SIGINT. Signals are taken by one sigwait thread so stopping the server never runs in a signal handler.
#include <httplib.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <thread>

#include "listener.h"
#include "options.h"
#include "sandbox.h"

namespace {

constexpr int kWorkerThreads = 64;  // slow-response faults and latency park threads; keep serving others

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace payq::sandbox;
  const ParsedOptions parsed = parse_options(std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.help) {
    std::cout << usage();
    return 0;
  }
  if (!parsed.error.empty()) {
    std::cerr << "payq-sandbox: " << parsed.error << "\n" << usage();
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);  // a dropped connection must not kill the server on the next write
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread exists, so all inherit it

  const auto start = std::chrono::steady_clock::now();
  Sandbox sandbox(parsed.options, start);
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  register_token_routes(server, sandbox);
  register_payment_routes(server, sandbox);
  register_admin_routes(server, sandbox);

  const int port = parsed.options.port == 0 ? server.bind_to_any_port("127.0.0.1")
                                            : (server.bind_to_port("127.0.0.1", parsed.options.port) ? parsed.options.port : -1);
  if (port <= 0) {
    std::cerr << "payq-sandbox: cannot bind 127.0.0.1:" << parsed.options.port << "\n";
    return 1;
  }
  sandbox.port = port;
  std::printf("listening on 127.0.0.1:%d\n", port);
  std::fflush(stdout);

  Listener listener(server, parsed.options, port, start);
  std::jthread stopper([&listener, signals] {
    int received = 0;
    sigwait(&signals, &received);
    listener.stop();
  });
  const bool ok = listener.run();
  if (!ok) pthread_kill(stopper.native_handle(), SIGTERM);  // let the stopper thread finish
  return ok ? 0 : 1;
}
