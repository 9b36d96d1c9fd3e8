// api/url.h — the one URL parser and rule of payq (API base/token URLs, each request URL, redirect_url),
// plus joining, percent-encoding and Base64 for the client. Pure functions; the schema mirrors the rule (0005).
#pragma once

#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::api {

// An absolute URL as parse_url read it. `host` is what libcurl connects to: lower case, IPv6 without brackets.
struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;
  int port = 0;        // 0 when the URL names none
  std::string rest;    // path, query and fragment as written (may be empty)
};

// The one parser: `http://` or `https://` (lower case) then host[:port] then an optional path, query and
// fragment. Refused: any byte that is not visible ASCII (NUL, controls, space, DEL, non-ASCII) anywhere, user
// information ('@' before the host), a missing or malformed host, a port outside 1..65535, and an all-numeric
// host that is not a dotted quad (libcurl would read "2130706433" as 127.0.0.1). kInvalidArgument says why.
Result<Url> parse_url(std::string_view text);

// 127.0.0.0/8, ::1 and the name "localhost" (not "localhost.": a rooted name goes to the resolver).
bool is_loopback_host(std::string_view host);

// Why this URL may not be called (empty when fine): parse_url, no fragment, and https, or plain http only to a
// loopback host. Applied by the config, ApiSettings and CurlTransport to every URL they handle.
std::string url_refusal(std::string_view url);

// url_refusal plus no query: the client appends paths to the base URL.
std::string base_url_refusal(std::string_view base_url);

// A token URL is either absolute (url_refusal) or a path starting with a single '/' (query allowed, no
// fragment, visible ASCII), resolved by join_url. An accepted path joined to an accepted base is accepted.
std::string token_url_refusal(std::string_view token_url);

// A target starting with a single '/' is appended to base (trailing '/' of base dropped); any other target
// is returned unchanged, so "/oauth/token?audience=https://x" is a path, not an absolute URL.
std::string join_url(std::string_view base, std::string_view target);

// Text safe to quote in a message: bytes outside visible ASCII as \xHH.
std::string quote_url(std::string_view url);

// RFC 3986 percent-encoding of everything but unreserved characters (form values, path segments).
std::string percent_encode(std::string_view text);

std::string base64_encode(std::string_view bytes);

}  // namespace payq::api
