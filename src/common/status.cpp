// common/status.cpp — names of the status codes and the one-line rendering of a Status.
// Used in log lines and CLI errors alike, so every error reads the same way.
#include "payq/status.h"

namespace payq {

std::string_view to_string(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kBusy: return "database busy";
    case StatusCode::kDatabase: return "database error";
    case StatusCode::kIo: return "I/O error";
    case StatusCode::kConfig: return "config error";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  return message_;
}

}  // namespace payq
