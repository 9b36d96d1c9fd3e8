// api/url.cpp — the one URL parser (parse_url) and the rules built on it for API and token URLs, plus
// joining and the encoders. No I/O and no libcurl: the same checks run before any request is built.
#include "api/url.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace payq::api {
namespace {

constexpr std::string_view kLoopbackRule =
    "must use https://: plain http:// is refused except to a loopback host (127.0.0.0/8, [::1], localhost)";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_visible(char c) { return c >= '!' && c <= '~'; }

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

Status invalid(std::string_view why) { return {StatusCode::kInvalidArgument, std::string(why)}; }

std::string refusal(std::string_view url, std::string_view why) {
  return std::string(why) + ", got \"" + quote_url(url) + "\"";
}

// Letters, digits, '-', '_' and '~' in dot-separated labels; one trailing dot (a rooted name) is allowed.
bool is_host_name(std::string_view host) {
  if (host.ends_with('.')) host.remove_suffix(1);
  std::size_t label = 0;
  for (const char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '~') {
      ++label;
    } else {
      return false;
    }
  }
  return label > 0;
}

// A name whose last label starts with a digit is an IPv4 address to libcurl ("2130706433", "0x7f.1",
// "127.1" all mean 127.0.0.1); only the dotted quad inet_pton reads is accepted, so both see one address.
bool is_ambiguous_number(std::string_view host) {
  if (host.ends_with('.')) host.remove_suffix(1);
  const std::size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty() || std::isdigit(static_cast<unsigned char>(last.front())) == 0) return false;
  in_addr v4{};
  return inet_pton(AF_INET, std::string(host).c_str(), &v4) != 1;
}

Result<std::string> parse_host(std::string_view authority, std::string_view& after) {
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return invalid("has an unclosed '[' in its host");
    const std::string inside(authority.substr(1, close - 1));
    in6_addr v6{};
    if (inet_pton(AF_INET6, inside.c_str(), &v6) != 1) return invalid("has an invalid IPv6 address as its host");
    after = authority.substr(close + 1);
    return lower(inside);
  }
  const std::size_t colon = authority.find(':');
  const std::string_view host = authority.substr(0, colon);
  after = colon == std::string_view::npos ? std::string_view() : authority.substr(colon);
  if (host.empty()) return invalid("has no host");
  if (!is_host_name(host)) return invalid("has an invalid host name");
  if (is_ambiguous_number(host)) return invalid("has a numeric host that is not a dotted-quad IPv4 address");
  return lower(host);
}

// "" or ":" followed by 1 to 5 digits in 1..65535.
Result<int> parse_port(std::string_view after) {
  if (after.empty()) return 0;
  const std::string_view digits = after.substr(1);
  int port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (after.front() != ':' || digits.empty() || digits.size() > 5 || error != std::errc() ||
      end != digits.data() + digits.size() || port < 1 || port > 65535) {
    return invalid("has an invalid port (1 to 65535 after the host)");
  }
  return port;
}

// url_refusal with the wording of a missing scheme chosen by the caller (absolute only, or path too).
std::string api_refusal(std::string_view url, std::string_view not_absolute) {
  if (!url.starts_with("https://") && !url.starts_with("http://") && !url.empty() &&
      std::all_of(url.begin(), url.end(), is_visible)) {
    return refusal(url, not_absolute);
  }
  const Result<Url> parsed = parse_url(url);
  if (!parsed) return refusal(url, parsed.status().message());
  if (parsed->rest.find('#') != std::string::npos) return refusal(url, "must not have a fragment ('#')");
  if (parsed->scheme == "http" && !is_loopback_host(parsed->host)) return refusal(url, kLoopbackRule);
  return {};
}

}  // namespace

Result<Url> parse_url(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_visible(text[i])) {
      return invalid("holds a byte that is not visible ASCII (a control character, space or non-ASCII) at "
                     "position " + std::to_string(i + 1) + "; percent-encode it");
    }
  }
  Url url;
  if (text.starts_with("https://")) {
    url.scheme = "https";
  } else if (text.starts_with("http://")) {
    url.scheme = "http";
  } else {
    return invalid("must be an absolute http:// or https:// URL (scheme in lower case)");
  }
  const std::string_view rest = text.substr(url.scheme.size() + 3);
  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return invalid("must not hold user information (\"user:password@\" before the host)");
  }
  std::string_view after;
  Result<std::string> host = parse_host(authority, after);
  if (!host) return host.status();
  Result<int> port = parse_port(after);
  if (!port) return port.status();
  url.host = std::move(host).value();
  url.port = *port;
  url.rest = std::string(rest.substr(authority_end));
  return url;
}

bool is_loopback_host(std::string_view host) {
  const std::string h = lower(host);
  if (h == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, h.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::string url_refusal(std::string_view url) {
  return api_refusal(url, "must be an absolute https:// URL");
}

std::string base_url_refusal(std::string_view base_url) {
  if (std::string why = url_refusal(base_url); !why.empty()) return why;
  if (base_url.find('?') != std::string_view::npos) {
    return refusal(base_url, "must not have a query ('?'): paths are appended to it");
  }
  return {};
}

std::string token_url_refusal(std::string_view token_url) {
  if (!token_url.starts_with('/') || token_url.starts_with("//")) {
    return api_refusal(token_url, "must be an absolute https:// URL or a path starting with '/'");
  }
  if (!std::all_of(token_url.begin(), token_url.end(), is_visible)) {
    return refusal(token_url, "holds a byte that is not visible ASCII (a control character, space or "
                              "non-ASCII); percent-encode it");
  }
  if (token_url.find('#') != std::string_view::npos) return refusal(token_url, "must not have a fragment ('#')");
  return {};
}

std::string join_url(std::string_view base, std::string_view target) {
  if (!target.starts_with('/') || target.starts_with("//")) return std::string(target);
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out.append(target);
  return out;
}

std::string quote_url(std::string_view url) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_visible(ch)) {
      out.push_back(ch);
    } else {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0f]);
    }
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 0x3f]);
  }
  const std::size_t left = bytes.size() - i;
  if (left > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (left == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 0x3f]);
    out.push_back(kAlphabet[(n >> 12) & 0x3f]);
    out.push_back(left == 2 ? kAlphabet[(n >> 6) & 0x3f] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace payq::api
