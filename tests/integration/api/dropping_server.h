// integration/api/dropping_server.h — a raw-socket HTTP/1.1 server on 127.0.0.1 that answers the first
// request of its first connection, then closes that kept-alive connection on the second request without
// answering; later connections are answered. It counts every request it fully received. Thread-safe.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace payq::testing {

class DroppingServer {
 public:
  // first_body: the answer to the first request (e.g. a token response).
  explicit DroppingServer(std::string first_body);
  ~DroppingServer();
  DroppingServer(const DroppingServer&) = delete;
  DroppingServer& operator=(const DroppingServer&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // "METHOD /path" of every request received in full, in order.
  std::vector<std::string> received() const;
  int count(const std::string& request_line) const;

 private:
  void serve();
  void handle(int fd, bool first_connection);
  std::string read_request(int fd);  // "METHOD /path", empty on EOF or timeout

  const std::string first_body_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> received_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace payq::testing
