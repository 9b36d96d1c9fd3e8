// config/number.cpp — shortest round-trip rendering of a double (std::to_chars), never "5.000000".
// Pure; no locale, so a config printed on one machine reads back identically on another.
#include "config/number.h"

#include <array>
#include <charconv>

namespace payq::config {

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (error != std::errc()) return "?";
  return std::string(buffer.data(), end);
}

}  // namespace payq::config
