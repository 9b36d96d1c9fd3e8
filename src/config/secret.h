// config/secret.h — reads the API client secret from its file (systemd LoadCredential) or the environment,
// and judges it (length, file mode). Messages name the file, never the content; callers add the config key.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::config {

inline constexpr std::string_view kClientSecretEnv = "PAYQ_CLIENT_SECRET";

// The file's content without trailing whitespace (editors and `echo` add a newline). A missing, unreadable,
// oversized or empty file is a kConfig error naming the path.
Result<std::string> read_secret_file(const std::string& path);

// Below this a secret cannot be redacted safely: its spellings turn up inside ordinary words and numbers, so
// hiding it would mangle every message, and not hiding it would store it.
inline constexpr std::size_t kMinSecretLength = 8;

// Why this secret may not be used (nullopt when fine). Never quotes the secret.
std::optional<std::string> secret_problem(std::string_view secret);

// A warning when the secret file is readable by users outside its owner and group (mode & 004), else nullopt.
// Group-readable is a deliberate choice (a payq group); systemd's LoadCredential copies are 0400.
std::optional<std::string> secret_file_exposure(const std::string& path);

}  // namespace payq::config
