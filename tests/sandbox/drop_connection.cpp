// sandbox/drop_connection.cpp — finds the handler's socket among the process's descriptors by matching
// local and peer ports (unique per TCP connection) and shuts it down in both directions.
#include "drop_connection.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

namespace payq::sandbox {
namespace {

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
  return -1;
}

bool matches(int fd, const httplib::Request& request) {
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_len = sizeof local;
  socklen_t peer_len = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0) return false;
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) return false;
  if (port_of(peer) != request.remote_port) return false;
  return request.local_port <= 0 || port_of(local) == request.local_port;
}

}  // namespace

bool drop_connection(const httplib::Request& request) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return false;
  bool dropped = false;
  while (const dirent* entry = readdir(dir)) {
    const int fd = std::atoi(entry->d_name);
    if (fd <= 2 || fd == dirfd(dir) || !matches(fd, request)) continue;
    dropped = shutdown(fd, SHUT_RDWR) == 0;
    break;
  }
  closedir(dir);
  return dropped;
}

}  // namespace payq::sandbox
