// config/url_rules.cpp — parsing just enough of a URL (scheme, host) to apply the https / loopback rule.
// Hosts are compared as addresses (inet_pton), so "127.0.0.1.evil.example" is not mistaken for loopback.
#include "config/url_rules.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

namespace payq::config {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The host of [userinfo@]host[:port][/path...], without the port; empty when there is none.
std::string_view host_of(std::string_view authority_and_rest) {
  std::string_view authority = authority_and_rest.substr(0, authority_and_rest.find_first_of("/?#"));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

std::string problem(std::string_view url, std::string_view why) {
  return std::string(why) + ", got \"" + std::string(url) + "\"";
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  const std::string name = lower(host);
  if (name == "localhost" || name == "localhost.") return true;
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    in6_addr address{};
    const std::string inner = name.substr(1, name.size() - 2);
    return inet_pton(AF_INET6, inner.c_str(), &address) == 1 && IN6_IS_ADDR_LOOPBACK(&address);
  }
  in_addr address{};
  return inet_pton(AF_INET, name.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

std::optional<std::string> url_problem(std::string_view url, bool path_allowed) {
  if (path_allowed && url.starts_with('/') && !url.starts_with("//")) return std::nullopt;
  const std::size_t separator = url.find("://");
  const std::string scheme = lower(url.substr(0, separator));
  if (separator == std::string_view::npos || (scheme != "https" && scheme != "http")) {
    return problem(url, path_allowed ? "must be an absolute https:// URL or a path starting with '/'"
                                     : "must be an absolute https:// URL");
  }
  const std::string_view host = host_of(url.substr(separator + 3));
  if (host.empty() || host == "[]") return problem(url, "has no host");
  if (scheme == "http" && !is_loopback_host(host)) {
    return problem(url, "must use https:// (plain http:// is allowed only to a loopback host: 127.0.0.1, [::1], "
                        "localhost)");
  }
  return std::nullopt;
}

}  // namespace payq::config
