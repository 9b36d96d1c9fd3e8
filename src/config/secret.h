// config/secret.h — reads the API client secret from its file (systemd LoadCredential) or the environment.
// Errors name the file, never its content; the caller adds the config key and position.
#pragma once

#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq::config {

inline constexpr std::string_view kClientSecretEnv = "PAYQ_CLIENT_SECRET";

// The file's content without trailing whitespace (editors and `echo` add a newline). A missing, unreadable,
// oversized or empty file is a kConfig error naming the path.
Result<std::string> read_secret_file(const std::string& path);

}  // namespace payq::config
