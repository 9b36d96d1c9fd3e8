// tests/fuzz/retry_after_fuzz.cpp — libFuzzer target: any Retry-After header value from the partner.
// Invariant: the parser never crashes or hits UB, and any delay it returns lies in [0, 24 h].
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/retry_after.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000));  // 2026-09
  const auto delay = payq::api::parse_retry_after(value, now);
  if (delay && (*delay < std::chrono::milliseconds(0) || *delay > std::chrono::hours(24))) std::abort();
  return 0;
}
