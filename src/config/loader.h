// config/loader.h — YAML text/file -> validated Config. Every error names the key path, line and column
// ("retry.max_attempts (line 12, column 17): must be between 1 and 1000"). Reads the secret file / env once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "payq/status.h"

namespace payq::config {

// Looks up an environment variable; injected so tests never touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
EnvLookup process_env();

inline constexpr std::string_view kConfigPathEnv = "PAYQ_CONFIG";
inline constexpr std::string_view kDefaultConfigPath = "/etc/payq/payq.yaml";

// The config file to read: --config when given, else $PAYQ_CONFIG, else /etc/payq/payq.yaml.
std::string config_path(const std::optional<std::string>& flag, const EnvLookup& env);

// Whether loading reads the client secret. Commands that never call the API (list, import, ...) ignore it,
// so an operator's shell works even though the secret file exists only inside the service (LoadCredential).
enum class Secrets { kResolve, kIgnore };

// Parses and validates; unknown keys, wrong types and out-of-range values are kConfig errors.
// With kResolve the client secret comes from api.client_secret_file when set, else from $PAYQ_CLIENT_SECRET.
Result<Config> load_config_string(std::string_view yaml, std::string_view source_name, const EnvLookup& env,
                                  Secrets secrets = Secrets::kResolve);
// A missing or unreadable file is a kConfig error too; callers for whom a missing default file is fine
// (docs/design.md §5: commands that work with --db alone) check that it exists first.
Result<Config> load_config_file(const std::string& path, const EnvLookup& env, Secrets secrets = Secrets::kResolve);

// Checks what only the daemon needs: client_id, client_secret, and URLs that are https:// or, for the sandbox,
// http:// to a loopback host (127.0.0.0/8, [::1], localhost). Errors name the key.
Status validate_for_api(const Config& config);

}  // namespace payq::config
