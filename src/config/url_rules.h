// config/url_rules.h — which partner URLs payq accepts: https://, or plain http:// only to a loopback host
// (the sandbox), so credentials and payment data never cross a network in clear. Pure string checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace payq::config {

// 127.0.0.0/8 as a dotted quad, [::1] in any IPv6 spelling, or localhost.
bool is_loopback_host(std::string_view host);

// Why `url` is not an acceptable API URL, or nullopt when it is. With `path_allowed`, a path starting with a
// single '/' (resolved against api.base_url) is accepted too. The reason quotes the URL; never a secret.
std::optional<std::string> url_problem(std::string_view url, bool path_allowed);

}  // namespace payq::config
