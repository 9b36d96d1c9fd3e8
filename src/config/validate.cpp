// config/validate.cpp — validate_for_api: what the daemon needs on top of a well-formed config.
// Plain http:// is allowed only to loopback hosts (the sandbox), so credentials never cross a network in clear.
#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "config/loader.h"
#include "config/secret.h"

namespace payq::config {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "localhost", any 127.x.y.z written as a plain dotted quad, or [::1] in any spelling.
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

// The host of scheme://[userinfo@]host[:port][/path], without the port; empty when there is none.
std::string_view host_of(std::string_view authority_and_rest) {
  std::string_view authority = authority_and_rest.substr(0, authority_and_rest.find_first_of("/?#"));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (authority.starts_with('[')) return authority.substr(0, authority.find(']') + 1);
  return authority.substr(0, authority.find(':'));
}

Status url_error(std::string_view key, std::string_view url, std::string_view why) {
  return {StatusCode::kConfig, std::string(key) + ": " + std::string(why) + ", got \"" + std::string(url) + "\""};
}

Status check_absolute_url(std::string_view key, std::string_view url) {
  const std::string scheme = lower(url.substr(0, url.find("://")));
  if (url.find("://") == std::string_view::npos || (scheme != "https" && scheme != "http")) {
    return url_error(key, url, "must be an absolute https:// URL");
  }
  const std::string_view host = host_of(url.substr(scheme.size() + 3));
  if (host.empty() || host == "[]") return url_error(key, url, "has no host");
  if (scheme == "http" && !is_loopback_host(host)) {
    return url_error(key, url,
                     "plain http:// is allowed only to a loopback host (127.0.0.1, [::1], localhost); use https://");
  }
  return Status::ok();
}

}  // namespace

Status validate_for_api(const Config& config) {
  const ApiConfig& api = config.api;
  if (api.client_id.empty()) {
    return {StatusCode::kConfig, "api.client_id: required to call the partner API; set it in the config file"};
  }
  if (api.client_secret.empty()) {
    return {StatusCode::kConfig, "api.client_secret: not set; name a file holding it in api.client_secret_file "
                                 "or set $" + std::string(kClientSecretEnv)};
  }
  if (Status status = check_absolute_url("api.base_url", api.base_url); !status) return status;
  if (api.token_url.starts_with("//")) {
    return url_error("api.token_url", api.token_url, "must be a path starting with a single '/' or an absolute URL");
  }
  if (api.token_url.starts_with('/')) return Status::ok();
  if (api.token_url.find("://") == std::string::npos) {
    return url_error("api.token_url", api.token_url, "must be an absolute https:// URL or a path starting with '/'");
  }
  return check_absolute_url("api.token_url", api.token_url);
}

}  // namespace payq::config
