// intent/reference_id.cpp — generated references for intents enqueued without one.
// Time-ordered prefix for readability, 64 random bits so two producers never collide in practice.
#include <chrono>
#include <cstdio>
#include <random>

#include "common/clock.h"
#include "payq/intent.h"

namespace payq {

std::string generate_reference_id() {
  // One generator per thread, seeded from the OS: no shared mutable state between producers.
  thread_local std::mt19937_64 generator{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                                         std::random_device{}()};
  const auto now_ms = to_unix_ms(std::chrono::system_clock::now());
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "pq-%llx-%016llx", static_cast<unsigned long long>(now_ms),
                static_cast<unsigned long long>(generator()));
  return buffer;
}

}  // namespace payq
