// config/secret.cpp — reading the client secret file. The content is only ever returned, never formatted into
// a message: an error says which file and why, so a log or a terminal never shows the secret.
#include "config/secret.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace payq::config {
namespace {

// A secret is tens of bytes; anything this large is the wrong file, and is not worth reading into memory.
constexpr std::size_t kMaxSecretBytes = 64 * 1024;

Status secret_error(const std::string& path, std::string_view why) {
  return {StatusCode::kConfig, "cannot use \"" + path + "\": " + std::string(why)};
}

}  // namespace

Result<std::string> read_secret_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) return secret_error(path, "it is a directory");
  std::ifstream file(path, std::ios::binary);
  if (!file) return secret_error(path, std::strerror(errno));
  std::string content;
  content.resize(kMaxSecretBytes + 1);
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (file.bad()) return secret_error(path, "read failed");
  content.resize(static_cast<std::size_t>(file.gcount()));
  if (content.size() > kMaxSecretBytes) return secret_error(path, "larger than 64 KiB; is this the secret file?");
  const std::string_view trailing_space = " \t\r\n";
  while (!content.empty() && trailing_space.find(content.back()) != std::string_view::npos) content.pop_back();
  if (content.empty()) return secret_error(path, "the file is empty");
  return content;
}

std::optional<std::string> secret_problem(std::string_view secret) {
  if (secret.size() >= kMinSecretLength) return std::nullopt;
  return "shorter than " + std::to_string(kMinSecretLength) +
         " characters: a secret this short cannot be redacted safely from partner messages and logs; "
         "use the full client secret from the partner dashboard";
}

std::optional<std::string> secret_file_exposure(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || (info.st_mode & S_IROTH) == 0) return std::nullopt;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return "the client secret file \"" + path + "\" is readable by every user on this host (mode " + mode +
         "); chmod o-r it, or hand it to the service with systemd LoadCredential=";
}

}  // namespace payq::config
