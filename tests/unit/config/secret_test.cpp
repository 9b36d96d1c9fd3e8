// config/secret_test.cpp — where the client secret comes from: the file named by api.client_secret_file,
// else $PAYQ_CLIENT_SECRET; never from the config file itself, and never echoed in an error.
#include <doctest/doctest.h>

#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"

namespace payq::config {
namespace {

using payq::testing::fake_env;
using payq::testing::TempFile;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string secret_file_yaml(const std::string& path) { return "api:\n  client_secret_file: " + path + "\n"; }

TEST_SUITE_BEGIN("config");

TEST_CASE("config: the secret is read from client_secret_file, trailing newline trimmed") {
  TempFile secret("s3cr3t-from-file\n");
  Result<Config> loaded =
      load_config_string(secret_file_yaml(secret.path()), "test.yaml", fake_env({{"PAYQ_CLIENT_SECRET", "env"}}));
  REQUIRE_MESSAGE(loaded.is_ok(), loaded.status().message());
  CHECK(loaded->api.client_secret == "s3cr3t-from-file");  // the file wins over the environment
  CHECK(loaded->api.client_secret_source == SecretSource::kFile);
  CHECK(loaded->api.client_secret_file == secret.path());
}

TEST_CASE("config: the secret comes from $PAYQ_CLIENT_SECRET when no file is named") {
  Result<Config> loaded = load_config_string("", "test.yaml", fake_env({{"PAYQ_CLIENT_SECRET", "s3cr3t-env"}}));
  REQUIRE(loaded.is_ok());
  CHECK(loaded->api.client_secret == "s3cr3t-env");
  CHECK(loaded->api.client_secret_source == SecretSource::kEnv);

  Result<Config> none = load_config_string("", "test.yaml", fake_env());
  REQUIRE(none.is_ok());
  CHECK(none->api.client_secret.empty());
  CHECK(none->api.client_secret_source == SecretSource::kNone);
}

TEST_CASE("config: a missing secret file is an error naming the key and the path") {
  Result<Config> loaded = load_config_string(secret_file_yaml("/nonexistent/secret"), "test.yaml", fake_env());
  REQUIRE_FALSE(loaded.is_ok());
  CHECK(loaded.status().code() == StatusCode::kConfig);
  CHECK(contains(loaded.status().message(), "api.client_secret_file (line 2, column 23)"));
  CHECK(contains(loaded.status().message(), "/nonexistent/secret"));
}

TEST_CASE("config: an empty or whitespace-only secret file is an error") {
  TempFile secret(" \n");
  Result<Config> loaded = load_config_string(secret_file_yaml(secret.path()), "test.yaml", fake_env());
  REQUIRE_FALSE(loaded.is_ok());
  CHECK(contains(loaded.status().message(), "api.client_secret_file"));
  CHECK(contains(loaded.status().message(), "empty"));
}

TEST_CASE("config: a literal client_secret key is refused without echoing it") {
  Result<Config> loaded = load_config_string("api:\n  client_secret: hunter2-literal\n", "test.yaml", fake_env());
  REQUIRE_FALSE(loaded.is_ok());
  const std::string& message = loaded.status().message();
  CHECK(contains(message, "api.client_secret (line 2, column 18)"));
  CHECK(contains(message, "client_secret_file"));
  CHECK(contains(message, "PAYQ_CLIENT_SECRET"));
  CHECK_FALSE(contains(message, "hunter2-literal"));
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
