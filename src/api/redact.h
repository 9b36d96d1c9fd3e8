// api/redact.h — removes a credential from text that is about to leave api/ (error messages a partner
// endpoint wrote, which might echo what we sent). Pure.
#pragma once

#include <string>
#include <string_view>

namespace payq::api {

inline std::string redact(std::string text, std::string_view secret) {
  static constexpr std::string_view kMark = "[redacted]";
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size())) {
    text.replace(at, secret.size(), kMark);
  }
  return text;
}

}  // namespace payq::api
