// integration/api/dropping_server.cpp — one accept loop with a poll timeout (so it always stops), and a
// minimal request reader: headers up to the blank line, then Content-Length bytes of body.
#include "dropping_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace payq::testing {
namespace {

constexpr int kReadTimeoutMs = 3000;

bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, timeout_ms) > 0;
}

void write_all(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

std::string response(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

size_t content_length(const std::string& head) {
  size_t pos = 0;
  while ((pos = head.find("\r\n", pos)) != std::string::npos) {
    pos += 2;
    if (strncasecmp(head.c_str() + pos, "content-length:", 15) == 0) {
      return static_cast<size_t>(std::strtoul(head.c_str() + pos + 15, nullptr, 10));
    }
  }
  return 0;
}

}  // namespace

DroppingServer::DroppingServer(std::string first_body) : first_body_(std::move(first_body)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), length);
  listen(listen_fd_, 8);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

DroppingServer::~DroppingServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::vector<std::string> DroppingServer::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

int DroppingServer::count(const std::string& request_line) const {
  std::lock_guard lock(mutex_);
  return static_cast<int>(std::count(received_.begin(), received_.end(), request_line));
}

void DroppingServer::serve() {
  bool first = true;
  while (!stop_) {
    if (!wait_readable(listen_fd_, 50)) continue;
    const int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    handle(fd, first);
    first = false;
    close(fd);
  }
}

void DroppingServer::handle(int fd, bool first_connection) {
  if (read_request(fd).empty()) return;
  write_all(fd, response(first_body_));
  if (first_connection) {
    read_request(fd);  // the request on the kept-alive connection: received, never answered
    return;            // the caller closes the connection
  }
  while (!read_request(fd).empty()) write_all(fd, response(first_body_));
}

std::string DroppingServer::read_request(int fd) {
  std::string data;
  size_t head_end = std::string::npos;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos || data.size() < head_end + 4 + content_length(data.substr(0, head_end + 2))) {
    int waited_ms = 0;
    while (!wait_readable(fd, 50)) {
      waited_ms += 50;
      if (stop_ || waited_ms >= kReadTimeoutMs) return {};
    }
    char buffer[4096];
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return {};
    data.append(buffer, static_cast<size_t>(n));
  }
  const std::string line = data.substr(0, data.find("\r\n"));
  const std::string request_line = line.substr(0, line.rfind(' '));  // drop " HTTP/1.1"
  std::lock_guard lock(mutex_);
  received_.push_back(request_line);
  return request_line;
}

}  // namespace payq::testing
