// config/url_agreement_test.cpp — the invariant "what the config accepts, the client accepts", over every
// combination of URL pieces (hosts, ports, userinfo, control bytes, token paths), loaded through the YAML loader.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "api/api_settings.h"
#include "api/url.h"
#include "config/config_test_support.h"
#include "config/loader.h"
#include "daemon/settings.h"

namespace payq::config {
namespace {

// A YAML double-quoted scalar holding `text` exactly (bytes outside visible ASCII as \xHH).
std::string yaml_quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::vector<std::string> base_urls() {
  using namespace std::string_literals;
  const std::vector<std::string> schemes = {"http://", "https://", "HTTP://", "ftp://", ""};
  const std::vector<std::string> hosts = {
      "127.0.0.1", "localhost", "localhost.", "[::1]", "api.example", "evil.example\0@127.0.0.1"s,
      ":pw@127.0.0.1", "user@localhost", "127.0.0.1.evil.example", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]",
      "", "a b", "caf\xC3\xA9.example", "127.0.0.1\t", "[::1"};
  const std::vector<std::string> ports = {"", ":8080", ":65536", ":"};
  const std::vector<std::string> paths = {"", "/v1/", "?q=1", "#f", "/\x1b[2J", "//"};
  std::vector<std::string> out;
  for (const auto& scheme : schemes) {
    for (const auto& host : hosts) {
      for (const auto& port : ports) {
        for (const auto& path : paths) out.push_back(scheme + host + port + path);
      }
    }
  }
  return out;
}

const std::vector<std::string> kTokenUrls = {
    "/oauth/token", "/oauth/token?audience=https://x", "oauth/token", "//auth.example/t", "/t#f",
    std::string("/t\0x", 4), "https://auth.example/t", "http://auth.example/t", "http://127.0.0.1:9/t?a=https://b",
    "https://:pw@auth.example/t", "/a b"};

// The URL as the loader leaves it, or nullopt when the config refuses it.
std::optional<std::string> loaded(std::string_view key, const std::string& url) {
  const std::string yaml = "api:\n  " + std::string(key) + ": " + yaml_quoted(url) + "\n";
  Result<Config> config = load_config_string(yaml, "test.yaml", testing::fake_env(), Secrets::kIgnore);
  if (!config) return std::nullopt;
  return key == "base_url" ? config->api.base_url : config->api.token_url;
}

TEST_CASE("config: every base_url and token_url the config accepts, the client accepts") {
  std::vector<std::string> bases, tokens;
  for (const std::string& url : base_urls()) {
    if (auto base = loaded("base_url", url)) bases.push_back(*base);
  }
  for (const std::string& url : kTokenUrls) {
    if (auto token = loaded("token_url", url)) tokens.push_back(*token);
  }
  CHECK(bases.size() > 20);  // the generator reaches the accepting side, not only refusals
  CHECK(tokens.size() >= 4);
  for (const std::string& base : bases) {
    for (const std::string& token : tokens) {
      Config config;
      config.api.base_url = base;
      config.api.token_url = token;
      config.api.client_id = "id";
      config.api.client_secret = "s3cr3t-long";
      CAPTURE(api::quote_url(base));
      CAPTURE(api::quote_url(token));
      REQUIRE(validate_for_api(config).is_ok());
      const api::ApiSettings settings = daemon::api_settings_from(config);
      CHECK(api::validate(settings).is_ok());
      CHECK(api::url_refusal(api::resolved_token_url(settings)) == "");
      CHECK(api::url_refusal(api::join_url(settings.base_url, "/payment/request")) == "");
      CHECK(api::url_refusal(api::join_url(settings.base_url, "/payment/request/pr_1")) == "");
    }
  }
}

TEST_CASE("config: the NUL base_url of the report is refused at load time, naming the key") {
  Result<Config> config = load_config_string("api:\n  base_url: \"http://evil.example\\0@127.0.0.1\"\n", "test.yaml",
                                             testing::fake_env(), Secrets::kIgnore);
  REQUIRE_FALSE(config.is_ok());
  CHECK(config.status().message().find("api.base_url (line 2, column 13)") != std::string::npos);
  CHECK(config.status().message().find("\\x00") != std::string::npos);  // quoted, never a raw NUL
}

TEST_CASE("config: a token path with a query is accepted by config and client alike") {
  Result<Config> config =
      load_config_string("api: { base_url: \"http://127.0.0.1:9\", token_url: \"/oauth/token?audience=https://x\" }\n",
                         "test.yaml", testing::fake_env(), Secrets::kIgnore);
  REQUIRE(config.is_ok());
  CHECK(api::resolved_token_url(daemon::api_settings_from(*config)) ==
        "http://127.0.0.1:9/oauth/token?audience=https://x");
}

TEST_CASE("config: http://localhost. is refused by config and client alike") {
  CHECK_FALSE(load_config_string("api: { base_url: \"http://localhost.\" }\n", "test.yaml", testing::fake_env(),
                                 Secrets::kIgnore)
                  .is_ok());
  api::ApiSettings settings{"http://localhost.", "/oauth/token", "id", "s3cr3t", false, std::chrono::seconds(1),
                            std::chrono::seconds(2)};
  CHECK_FALSE(api::validate(settings).is_ok());
}

}  // namespace
}  // namespace payq::config
