// config/example_config_test.cpp — config/payq.example.yaml stays true: it loads, and every value it shows is
// the default (so the documentation of defaults cannot drift from config.h).
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;
using payq::testing::TempFile;

constexpr std::string_view kExampleSecretFile = "/run/credentials/payq.service/client_secret";

std::string read_example() {
  std::ifstream file(PAYQ_EXAMPLE_CONFIG);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

TEST_SUITE_BEGIN("config");

TEST_CASE("config: the example config loads and shows exactly the defaults") {
  std::string yaml = read_example();
  const std::size_t at = yaml.find(kExampleSecretFile);
  REQUIRE(at != std::string::npos);
  TempFile secret("example-secret\n");
  yaml.replace(at, kExampleSecretFile.size(), secret.path());

  Result<Config> example = load_config_string(yaml, "payq.example.yaml", fake_env());
  REQUIRE_MESSAGE(example.is_ok(), example.status().message());
  CHECK(example->api.client_id == "merchant-client-id");
  CHECK(example->api.client_secret == "example-secret");

  Config defaults;
  defaults.api.client_id = example->api.client_id;
  defaults.api.client_secret_file = example->api.client_secret_file;
  defaults.api.client_secret_source = example->api.client_secret_source;
  CHECK(render_effective_config(*example) == render_effective_config(defaults));
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
