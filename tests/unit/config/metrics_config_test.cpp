// config/metrics_config_test.cpp — metrics.listen: off by default, HOST:PORT parsed, bad values named by key.
#include <doctest/doctest.h>

#include "config/config_test_support.h"
#include "config/listen_address.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;

Result<Config> load(std::string_view yaml) { return load_config_string(yaml, "test.yaml", fake_env()); }

TEST_SUITE_BEGIN("config");

TEST_CASE("metrics config: off unless metrics.listen is set") {
  auto absent = load("database: { path: /tmp/x.db }\n");
  REQUIRE(absent.is_ok());
  CHECK_FALSE(absent->metrics.listen.has_value());
  auto null_value = load("metrics: { listen: null }\n");
  REQUIRE(null_value.is_ok());
  CHECK_FALSE(null_value->metrics.listen.has_value());
  CHECK(render_effective_config(*null_value).find("listen: null") != std::string::npos);
}

TEST_CASE("metrics config: loopback, any-address and IPv6 listen addresses") {
  auto loopback = load("metrics: { listen: 127.0.0.1:9464 }\n");
  REQUIRE_MESSAGE(loopback.is_ok(), loopback.status().message());
  CHECK(loopback->metrics.listen->host == "127.0.0.1");
  CHECK(loopback->metrics.listen->port == 9464);
  CHECK(render_effective_config(*loopback).find("listen: \"127.0.0.1:9464\"") != std::string::npos);
  auto v6 = parse_listen_address("[::1]:9464");
  REQUIRE(v6.is_ok());
  CHECK(v6->host == "::1");
  CHECK(to_string(*v6) == "[::1]:9464");
  CHECK(parse_listen_address("0.0.0.0:1").is_ok());
  CHECK(parse_listen_address("metrics.internal:65535").is_ok());
}

TEST_CASE("metrics config: a bad listen address is an error naming metrics.listen") {
  for (const char* bad : {"9464", ":9464", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:94x",
                          "::1:9464", "host name:80", "[::1]", "[zz]:80"}) {
    CAPTURE(bad);
    auto loaded = load(std::string("metrics: { listen: \"") + bad + "\" }\n");
    REQUIRE_FALSE(loaded.is_ok());
    CHECK(loaded.status().code() == StatusCode::kConfig);
    CHECK(loaded.status().message().find("metrics.listen") != std::string::npos);
  }
  auto unknown = load("metrics: { port: 9464 }\n");
  REQUIRE_FALSE(unknown.is_ok());
  CHECK(unknown.status().message().find("metrics.port") != std::string::npos);
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
