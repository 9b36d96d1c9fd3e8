// config/validate_test.cpp — validate_for_api: credentials present, URLs by the one rule of api/url.h (no
// userinfo, no control bytes, http:// only to loopback hosts).
#include <doctest/doctest.h>

#include <string>

#include "config/loader.h"

namespace payq::config {
namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

Config usable_config() {
  Config config;
  config.api.client_id = "merchant-1";
  config.api.client_secret = "s3cr3t-value";
  config.api.client_secret_source = SecretSource::kEnv;
  return config;
}

Status with_base_url(const std::string& url) {
  Config config = usable_config();
  config.api.base_url = url;
  return validate_for_api(config);
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: validate_for_api accepts a complete https config") {
  CHECK(validate_for_api(usable_config()).is_ok());
}

TEST_CASE("config: validate_for_api requires client_id and client_secret") {
  Config no_id = usable_config();
  no_id.api.client_id.clear();
  Status status = validate_for_api(no_id);
  CHECK(status.code() == StatusCode::kConfig);
  CHECK(contains(status.message(), "api.client_id"));

  Config no_secret = usable_config();
  no_secret.api.client_secret.clear();
  status = validate_for_api(no_secret);
  CHECK(status.code() == StatusCode::kConfig);
  CHECK(contains(status.message(), "api.client_secret"));
  CHECK(contains(status.message(), "PAYQ_CLIENT_SECRET"));
}

TEST_CASE("config: plain http is allowed to loopback hosts only") {
  for (const char* url : {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9000/v1", "http://LOCALHOST",
                          "http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]", "https://api.partner.example"}) {
    CAPTURE(url);
    CHECK(with_base_url(url).is_ok());
  }
  for (const char* url : {"http://api.partner.example", "http://10.0.0.1", "http://127.0.0.1.evil.example",
                          "http://localhost.evil.example", "http://[::2]", "http://localhost."}) {
    CAPTURE(url);
    Status status = with_base_url(url);
    CHECK(status.code() == StatusCode::kConfig);
    CHECK(contains(status.message(), "api.base_url"));
    CHECK(contains(status.message(), "loopback"));
  }
}

TEST_CASE("config: base_url refuses user information, with or without a user name") {
  for (const char* url : {"http://user@example.com", "http://127.0.0.1@evil.example", "https://:pw@x.example/",
                          "http://evil.example@127.0.0.1"}) {
    CAPTURE(url);
    Status status = with_base_url(url);
    CHECK(status.code() == StatusCode::kConfig);
    CHECK(contains(status.message(), "api.base_url"));
    CHECK(contains(status.message(), "user information"));
  }
}

TEST_CASE("config: base_url refuses NUL and every control byte, and quotes them escaped") {
  using namespace std::string_literals;
  for (const std::string& url : {"http://evil.example\0@127.0.0.1"s, "https://a.example\x1b[2J"s,
                                "https://a.example/\x7f"s, "https://a.example/ x"s}) {
    Status status = with_base_url(url);
    CHECK(status.code() == StatusCode::kConfig);
    CHECK(contains(status.message(), "not visible ASCII"));
    CHECK(status.message().find_first_of("\x00\x1b\x7f"s) == std::string::npos);
  }
}

TEST_CASE("config: base_url must be an absolute http(s) URL with a host") {
  for (const char* url : {"ftp://api.partner.example", "api.partner.example", "https://", "https:///path",
                          "HTTPS://api.partner.example", "https://api.partner.example/?v=1"}) {
    CAPTURE(url);
    Status status = with_base_url(url);
    CHECK(status.code() == StatusCode::kConfig);
    CHECK(contains(status.message(), "api.base_url"));
  }
}

TEST_CASE("config: token_url is a path under base_url or an absolute URL under the same scheme rule") {
  Config config = usable_config();
  for (const char* ok : {"/oauth/token", "https://auth.partner.example/token", "http://127.0.0.1:9000/token",
                         "/oauth/token?audience=https://x"}) {
    config.api.token_url = ok;
    CHECK_MESSAGE(validate_for_api(config).is_ok(), ok);
  }
  for (const char* bad : {"oauth/token", "http://auth.partner.example/token", "//auth.partner.example/token",
                          "/oauth/token#f", "https://id:pw@auth.partner.example/t"}) {
    CAPTURE(bad);
    config.api.token_url = bad;
    Status status = validate_for_api(config);
    CHECK(status.code() == StatusCode::kConfig);
    CHECK(contains(status.message(), "api.token_url"));
  }
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
