// config/secrets_ignored_test.cpp — commands that never call the API load a config whose secret file is
// absent (it exists only inside the service), and never read the secret at all.
#include <doctest/doctest.h>

#include "config/loader.h"

TEST_CASE("Secrets::kIgnore loads a config whose secret file is missing, without reading any secret") {
  const std::string yaml = "api:\n  client_id: shop\n  client_secret_file: /nonexistent/payq/secret\n";
  const auto env = [](std::string_view) -> std::optional<std::string> { return "from-env"; };
  CHECK_FALSE(payq::config::load_config_string(yaml, "t.yaml", env).is_ok());
  auto loaded = payq::config::load_config_string(yaml, "t.yaml", env, payq::config::Secrets::kIgnore);
  REQUIRE(loaded.is_ok());
  CHECK(loaded->api.client_secret.empty());
  CHECK(loaded->api.client_secret_file == "/nonexistent/payq/secret");
  auto literal = payq::config::load_config_string("api:\n  client_secret: x\n", "t.yaml", env,
                                                  payq::config::Secrets::kIgnore);
  CHECK_FALSE(literal.is_ok());
}
