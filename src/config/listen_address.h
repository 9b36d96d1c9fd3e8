// config/listen_address.h — "HOST:PORT" of a local listening socket (metrics.listen): parsed and checked here,
// bound elsewhere (metrics/http_endpoint). Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::config {

struct ListenAddress {
  std::string host;  // an IPv4 address, an IPv6 address without brackets, or a host name
  int port = 0;      // 1..65535
};

// "127.0.0.1:9464", "[::1]:9464", "0.0.0.0:9464", "localhost:9464". kConfig naming what is wrong otherwise.
Result<ListenAddress> parse_listen_address(std::string_view text);
// Back to the "HOST:PORT" spelling (IPv6 in brackets).
std::string to_string(const ListenAddress& address);

}  // namespace payq::config
