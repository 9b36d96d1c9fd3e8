// unit/api/url_test.cpp — the one URL parser and its rules (bytes, userinfo, host, port, loopback http,
// token paths), joining and the encoders. Pure functions.
#include "api/url.h"

#include <doctest/doctest.h>

#include <string>

#include "api/api_settings.h"

namespace payq::api {
namespace {

bool accepted(std::string_view url) { return url_refusal(url).empty(); }

TEST_CASE("parse_url reads scheme, host, port and the rest") {
  const Result<Url> url = parse_url("https://API.example.com:8443/x?y#z");
  REQUIRE(url.is_ok());
  CHECK(url->scheme == "https");
  CHECK(url->host == "api.example.com");
  CHECK(url->port == 8443);
  CHECK(url->rest == "/x?y#z");
  CHECK(parse_url("http://[::1]:9/")->host == "::1");
  CHECK(parse_url("http://[::1]")->port == 0);
  CHECK(parse_url("https://a.example")->rest.empty());
  CHECK(parse_url("https://a.example?q=1")->rest == "?q=1");
}

TEST_CASE("parse_url refuses every byte that is not visible ASCII, wherever it is") {
  using namespace std::string_literals;
  // The NUL case: every check read the whole string, libcurl read c_str() and went to evil.example.
  for (const std::string& url : {"http://evil.example\0@127.0.0.1"s, "https://a.example/\0"s, "\0https://a.example"s,
                                "https://a.example/\x01"s, "https://a.example/\x1f"s, "https://a.example/\x7f"s,
                                "https://a.example/a b"s, "https://a.example/\t"s, "https://a.example\r\n/"s,
                                "https://caf\xC3\xA9.example/"s, "https://a.example/\xFF"s}) {
    CAPTURE(quote_url(url));
    const Result<Url> parsed = parse_url(url);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().message().find("not visible ASCII") != std::string::npos);
    CHECK_FALSE(accepted(url));
    CHECK_FALSE(token_url_refusal(url).empty());
  }
  CHECK_FALSE(token_url_refusal("/oauth/token\0x"s).empty());
  CHECK_FALSE(token_url_refusal("/oauth/token\x1b[2J").empty());
  CHECK(quote_url("a\0b\x1b"s) == "a\\x00b\\x1b");
}

TEST_CASE("parse_url refuses user information in any spelling") {
  for (const char* url : {"https://:pw@x.example/", "https://user@x.example/", "https://user:pw@x.example",
                          "http://127.0.0.1@evil.example", "http://evil.example@127.0.0.1/", "https://@x.example",
                          "https://a@b@x.example"}) {
    CAPTURE(url);
    const Result<Url> parsed = parse_url(url);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().message().find("user information") != std::string::npos);
  }
  CHECK(parse_url("https://x.example/path@here?mail=a@b").is_ok());  // '@' after the host is not userinfo
}

TEST_CASE("parse_url requires a well-formed host and port") {
  for (const char* url : {"https://", "https:///path", "https://:80/x", "https://?q", "https://#f", "https://[/",
                          "https://[zz]/", "https://[]/", "https://a..b/", "https://.a/", "https://a$b.example/",
                          "https://a\\b.example/", "https://a.example:/", "https://a.example:0/",
                          "https://a.example:65536/", "https://a.example:8x/", "https://a.example:80:90/",
                          "https://[::1]x/", "http://2130706433/", "http://0x7f.1/", "http://127.1/",
                          "http://127.000.0.1/", "https://1.2.3.4.5/", "ftp://a.example", "a.example/x",
                          "//a.example", "HTTPS://a.example", "javascript:alert(1)", ""}) {
    CAPTURE(url);
    CHECK_FALSE(parse_url(url).is_ok());
  }
  for (const char* url : {"https://a.example", "https://a-b_c.example:443/", "https://localhost./",
                          "https://1.2.3.4/", "https://a.example:65535", "https://xn--caf-dma.example/"}) {
    CAPTURE(url);
    CHECK(parse_url(url).is_ok());
  }
}

TEST_CASE("API URLs: https anywhere, plain http only to loopback") {
  CHECK(accepted("https://api.example.com"));
  CHECK(accepted("http://127.0.0.1:8080/x"));
  CHECK(accepted("http://127.3.2.1/"));
  CHECK(accepted("http://localhost:1/"));
  CHECK(accepted("http://LOCALHOST:1/"));
  CHECK(accepted("http://[::1]:1/"));
  CHECK(accepted("http://[0:0:0:0:0:0:0:1]/"));
  CHECK(accepted("https://a.example/t?audience=https://x"));
  CHECK_FALSE(accepted("http://api.example.com/"));
  CHECK_FALSE(accepted("http://128.0.0.1/"));
  CHECK_FALSE(accepted("http://localhost.evil.com/"));
  CHECK_FALSE(accepted("http://127.0.0.1.evil.example/"));
  CHECK_FALSE(accepted("http://[::2]/"));
  CHECK_FALSE(accepted("http://[::ffff:127.0.0.1]/"));
  CHECK_FALSE(accepted("ftp://127.0.0.1/"));
  CHECK_FALSE(accepted("relative/path"));
  CHECK_FALSE(accepted("https://a.example/#frag"));
  CHECK(url_refusal("http://api.example.com/").find("loopback") != std::string::npos);
}

TEST_CASE("localhost. (a rooted name) is not loopback: the resolver, not payq, decides where it goes") {
  CHECK_FALSE(is_loopback_host("localhost."));
  CHECK_FALSE(accepted("http://localhost./"));
  CHECK(accepted("https://localhost./"));
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("127.255.255.254"));
  CHECK_FALSE(is_loopback_host("[::1]"));  // hosts come from parse_url, without brackets
}

TEST_CASE("base URLs take no query; token URLs are absolute or a path with an optional query") {
  CHECK(base_url_refusal("https://a.example/v1").empty());
  CHECK_FALSE(base_url_refusal("https://a.example/?x=1").empty());
  CHECK(token_url_refusal("/oauth/token").empty());
  CHECK(token_url_refusal("/oauth/token?audience=https://x").empty());
  CHECK(token_url_refusal("https://auth.example/t?audience=https://x").empty());
  CHECK_FALSE(token_url_refusal("//auth.example/t").empty());
  CHECK_FALSE(token_url_refusal("oauth/token").empty());
  CHECK_FALSE(token_url_refusal("/oauth/token#f").empty());
  CHECK_FALSE(token_url_refusal("http://auth.example/t").empty());
}

TEST_CASE("join_url appends a path, query and all, and leaves anything else alone") {
  CHECK(join_url("https://a.example/", "/oauth/token") == "https://a.example/oauth/token");
  CHECK(join_url("https://a.example", "/oauth/token?audience=https://x") ==
        "https://a.example/oauth/token?audience=https://x");
  CHECK(join_url("https://a.example/v1", "/t") == "https://a.example/v1/t");
  CHECK(join_url("https://a.example", "https://auth.example/t") == "https://auth.example/t");
  CHECK(join_url("https://a.example", "oauth/token") == "oauth/token");  // refused by url_refusal
  CHECK(accepted(join_url("http://127.0.0.1:9", "/oauth/token?audience=https://x")));
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
  settings.token_url = "/oauth/token?audience=https://x";  // a path with a query, not an absolute URL
  CHECK(validate(settings).is_ok());
  settings.base_url = "https://api.example/?v=1";
  CHECK(validate(settings).message().starts_with("api.base_url"));
  settings.base_url = "https://api.example";
  settings.token_url = "/oauth/token";
  settings.client_secret.clear();
  CHECK(validate(settings).message() == "api.client_secret: missing");
}

}  // namespace
}  // namespace payq::api
