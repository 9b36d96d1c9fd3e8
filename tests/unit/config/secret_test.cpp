// config/secret_test.cpp — where the client secret comes from: the file named by api.client_secret_file,
// else $PAYQ_CLIENT_SECRET; never from the config file itself, never echoed in an error; too short refused;
// a file readable by others noticed.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <string>

#include "config/config_test_support.h"
#include "config/loader.h"
#include "config/secret.h"

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

Result<Config> loaded_for_api(const std::string& secret) {
  Result<Config> loaded =
      load_config_string("api: { client_id: shop }\n", "test.yaml", fake_env({{"PAYQ_CLIENT_SECRET", secret}}));
  if (!loaded) return loaded;
  if (Status usable = validate_for_api(*loaded); !usable) return usable;
  return loaded;
}

TEST_CASE("config: a secret shorter than 8 characters is refused for the API, without echoing it") {
  for (const std::string secret : {"s", "sEcReT7"}) {
    CAPTURE(secret);
    Result<Config> loaded = loaded_for_api(secret);
    REQUIRE_FALSE(loaded.is_ok());
    const std::string& message = loaded.status().message();
    CHECK(loaded.status().code() == StatusCode::kConfig);
    CHECK(contains(message, "api.client_secret: shorter than 8 characters"));
    CHECK(contains(message, "cannot be redacted safely"));
    if (secret.size() > 1) CHECK_FALSE(contains(message, secret));
  }
  CHECK(loaded_for_api("sEcReT78").is_ok());
  CHECK(secret_problem("12345678") == std::nullopt);
  CHECK(secret_problem("1234567").has_value());
}

TEST_CASE("config: a short secret does not stop commands that never call the API") {
  const auto env = fake_env({{"PAYQ_CLIENT_SECRET", "s"}});
  CHECK(load_config_string("", "test.yaml", env, Secrets::kIgnore).is_ok());
}

TEST_CASE("config: a secret file readable by others is noticed; owner or group only is fine") {
  TempFile secret("s3cr3t-from-file\n");
  for (const mode_t mode : {0600, 0640, 0400, 0660}) {
    CAPTURE(mode);
    REQUIRE(::chmod(secret.path().c_str(), mode) == 0);
    CHECK(secret_file_exposure(secret.path()) == std::nullopt);
  }
  REQUIRE(::chmod(secret.path().c_str(), 0644) == 0);
  const std::optional<std::string> warning = secret_file_exposure(secret.path());
  REQUIRE(warning.has_value());
  CHECK(contains(*warning, secret.path()));
  CHECK(contains(*warning, "readable by every user"));
  CHECK(contains(*warning, "0644"));
  CHECK_FALSE(contains(*warning, "s3cr3t-from-file"));
  CHECK(secret_file_exposure("/nonexistent/secret") == std::nullopt);  // reading it reports that
}

TEST_SUITE_END();

}  // namespace
}  // namespace payq::config
