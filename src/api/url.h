// api/url.h — the little URL and encoding work the client needs: split scheme/host, join a relative path,
// percent-encode, Base64, and the loopback test behind "plain http only to loopback". Pure functions.
#pragma once

#include <string>
#include <string_view>

namespace payq::api {

struct UrlParts {
  std::string scheme;  // lower case, e.g. "https"
  std::string host;    // without brackets for IPv6, lower case
};

// Empty scheme or host when the text is not an absolute http(s)-style URL.
UrlParts split_url(std::string_view url);

// An absolute target is returned unchanged; a relative one is appended to base (one '/' between).
std::string join_url(std::string_view base, std::string_view target);

// 127.0.0.0/8, ::1 and localhost.
bool is_loopback_host(std::string_view host);

// Why this URL may not be used (empty when fine): https anywhere, http only to a loopback host.
std::string url_refusal(std::string_view url);

// RFC 3986 percent-encoding of everything but unreserved characters (form values, path segments).
std::string percent_encode(std::string_view text);

std::string base64_encode(std::string_view bytes);

}  // namespace payq::api
