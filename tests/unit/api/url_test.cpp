// unit/api/url_test.cpp — URL splitting and joining, the loopback rule for plain http, and the encoders.
// Pure functions.
#include "api/url.h"

#include <doctest/doctest.h>

#include "api/api_settings.h"

namespace payq::api {
namespace {

TEST_CASE("split_url finds scheme and host") {
  CHECK(split_url("https://API.example.com:8443/x?y").host == "api.example.com");
  CHECK(split_url("HTTP://[::1]:9/").scheme == "http");
  CHECK(split_url("http://[::1]:9/").host == "::1");
  CHECK(split_url("http://user@127.0.0.1/").host == "127.0.0.1");
  CHECK(split_url("/oauth/token").scheme.empty());
}

TEST_CASE("plain http only to loopback hosts") {
  CHECK(url_refusal("https://api.example.com").empty());
  CHECK(url_refusal("http://127.0.0.1:8080/x").empty());
  CHECK(url_refusal("http://127.3.2.1/").empty());
  CHECK(url_refusal("http://localhost:1/").empty());
  CHECK(url_refusal("http://[::1]:1/").empty());
  CHECK_FALSE(url_refusal("http://api.example.com/").empty());
  CHECK_FALSE(url_refusal("http://128.0.0.1/").empty());
  CHECK_FALSE(url_refusal("http://localhost.evil.com/").empty());
  CHECK_FALSE(url_refusal("ftp://127.0.0.1/").empty());
  CHECK_FALSE(url_refusal("relative/path").empty());
}

TEST_CASE("token_url is absolute or relative to base_url") {
  CHECK(join_url("https://a.example/", "/oauth/token") == "https://a.example/oauth/token");
  CHECK(join_url("https://a.example", "oauth/token") == "https://a.example/oauth/token");
  CHECK(join_url("https://a.example", "https://auth.example/t") == "https://auth.example/t");
}

TEST_CASE("percent and Base64 encoding") {
  CHECK(percent_encode("a b&c=d/é~") == "a%20b%26c%3Dd%2F%C3%A9~");
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("id:secret") == "aWQ6c2VjcmV0");
}

TEST_CASE("settings validation names the field") {
  ApiSettings settings{"https://api.example", "/oauth/token", "id", "s3cr3t", false,
                       std::chrono::seconds(1), std::chrono::seconds(2)};
  CHECK(validate(settings).is_ok());
  settings.base_url = "http://api.example";
  CHECK(validate(settings).message().starts_with("api.base_url"));
  settings.base_url = "https://api.example";
  settings.token_url = "http://auth.example/token";
  CHECK(validate(settings).message().starts_with("api.token_url"));
  settings.token_url = "/oauth/token";
  settings.client_secret.clear();
  CHECK(validate(settings).message() == "api.client_secret: missing");
}

}  // namespace
}  // namespace payq::api
