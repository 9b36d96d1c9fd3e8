// fuzz/url_rules_fuzz.cpp — the URL rule (api/url.h) against libcurl's own URL parser (CURLU): whatever the
// config accepts, the client accepts, and libcurl reads the scheme, host and port the rule checked, no userinfo.
// Input: base_url, optionally '\n' and a token_url (default /oauth/token). Any mismatch aborts (a finding).
#include <arpa/inet.h>
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "api/api_settings.h"
#include "api/url.h"
#include "config/loader.h"

namespace {

[[noreturn]] void finding(const char* what, const std::string& url) {
  std::fprintf(stderr, "url_rules_fuzz: %s: \"%s\"\n", what, payq::api::quote_url(url).c_str());
  std::abort();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The same address however it is spelt ("::1" and "0:0:0:0:0:0:0:1"); names compare case-insensitively.
bool same_host(std::string a, std::string b) {
  if (a.size() > 1 && a.front() == '[' && a.back() == ']') a = a.substr(1, a.size() - 2);
  unsigned char x[16] = {}, y[16] = {};
  if (inet_pton(AF_INET6, a.c_str(), x) == 1 && inet_pton(AF_INET6, b.c_str(), y) == 1) return std::memcmp(x, y, 16) == 0;
  if (inet_pton(AF_INET, a.c_str(), x) == 1 && inet_pton(AF_INET, b.c_str(), y) == 1) return std::memcmp(x, y, 4) == 0;
  return lower(a) == lower(b);
}

std::string url_part(CURLU* handle, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(handle, part, &text, 0) != CURLUE_OK || text == nullptr) return {};
  std::string out(text);
  curl_free(text);
  return out;
}

// What libcurl would connect to for `url` must be what the rule checked.
void check_with_libcurl(const std::string& url) {
  const payq::Result<payq::api::Url> ours = payq::api::parse_url(url);
  if (!ours) finding("url_refusal accepted what parse_url refuses", url);
  CURLU* handle = curl_url();
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    curl_url_cleanup(handle);
    finding("libcurl refuses a URL the rule accepts", url);
  }
  const std::string scheme = url_part(handle, CURLUPART_SCHEME);
  const std::string host = url_part(handle, CURLUPART_HOST);
  const std::string user = url_part(handle, CURLUPART_USER);
  const std::string password = url_part(handle, CURLUPART_PASSWORD);
  const std::string port = url_part(handle, CURLUPART_PORT);
  curl_url_cleanup(handle);
  if (lower(scheme) != ours->scheme) finding("libcurl reads another scheme", url);
  if (!same_host(host, ours->host)) finding("libcurl reads another host", url);
  if (!user.empty() || !password.empty()) finding("libcurl reads user information", url);
  if ((ours->port == 0) != port.empty() || (ours->port != 0 && port != std::to_string(ours->port))) {
    finding("libcurl reads another port", url);
  }
  if (ours->scheme == "http" && !payq::api::is_loopback_host(host.starts_with('[') ? host.substr(1, host.size() - 2) : host)) {
    finding("plain http to a host libcurl does not read as loopback", url);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  std::string base(input.substr(0, newline));
  const std::string token(newline == std::string_view::npos ? "/oauth/token" : input.substr(newline + 1));
  while (base.ends_with('/')) base.pop_back();  // as the config loader does

  payq::config::Config config;
  config.api.base_url = base;
  config.api.token_url = token;
  config.api.client_id = "id";
  config.api.client_secret = "s3cr3t-long";
  if (!payq::config::validate_for_api(config).is_ok()) return 0;  // the config refuses: nothing to compare

  payq::api::ApiSettings settings{base, token, "id", "s3cr3t-long", false, config.api.connect_timeout,
                                  config.api.timeout};
  if (!payq::api::validate(settings).is_ok()) finding("the client refuses what the config accepts", base);
  for (const std::string& url : {payq::api::resolved_token_url(settings),
                                 payq::api::join_url(base, "/payment/request"),
                                 payq::api::join_url(base, "/payment/request/pr_1")}) {
    if (!payq::api::url_refusal(url).empty()) finding("CurlTransport would refuse a URL the config accepted", url);
    check_with_libcurl(url);
  }
  return 0;
}
