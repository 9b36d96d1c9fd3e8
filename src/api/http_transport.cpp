// api/http_transport.cpp — the small helpers of the transport value types.
// Header names are compared case-insensitively, as HTTP requires.
#include "api/http_transport.h"

#include <strings.h>

namespace payq::api {

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) return value;
  }
  return std::nullopt;
}

}  // namespace payq::api
