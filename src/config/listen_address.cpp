// config/listen_address.cpp — HOST:PORT splitting at the last colon (IPv6 hosts come in brackets); the host's
// characters are checked, not resolved: whether it is an address of this machine is the bind's answer.
#include "config/listen_address.h"

#include <algorithm>
#include <cctype>

namespace payq::config {
namespace {

Status bad(std::string_view text, std::string_view why) {
  return {StatusCode::kConfig, "\"" + std::string(text) + "\" is not HOST:PORT (e.g. 127.0.0.1:9464): " +
                                   std::string(why)};
}

bool host_chars_ok(std::string_view host, bool bracketed) {
  return std::all_of(host.begin(), host.end(), [bracketed](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (bracketed) return std::isxdigit(u) != 0 || c == ':' || c == '.';
    return std::isalnum(u) != 0 || c == '.' || c == '-';
  });
}

}  // namespace

Result<ListenAddress> parse_listen_address(std::string_view text) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad(text, "no port");
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  const bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
  if (bracketed) host = host.substr(1, host.size() - 2);
  if (host.empty()) return bad(text, "no host (write 0.0.0.0 or [::] to listen on every address)");
  if (!bracketed && host.find(':') != std::string_view::npos) return bad(text, "an IPv6 host goes in brackets");
  if (!host_chars_ok(host, bracketed)) return bad(text, "the host has characters no address or name has");
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    return bad(text, "the port must be a number from 1 to 65535");
  }
  const int number = std::stoi(std::string(port));
  if (number < 1 || number > 65535) return bad(text, "the port must be a number from 1 to 65535");
  return ListenAddress{std::string(host), number};
}

std::string to_string(const ListenAddress& address) {
  const bool v6 = address.host.find(':') != std::string::npos;
  return (v6 ? "[" + address.host + "]" : address.host) + ":" + std::to_string(address.port);
}

}  // namespace payq::config
