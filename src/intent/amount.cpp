// intent/amount.cpp — exact decimal-string <-> minor-units conversion for money.
// Integer arithmetic only: an amount never passes through a double.
#include <cstdint>
#include <string>

#include "payq/intent.h"

namespace payq {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

Status amount_error(std::string_view amount, std::string_view why) {
  return {StatusCode::kInvalidArgument, "amount: '" + std::string(amount) + "' " + std::string(why)};
}

}  // namespace

Result<std::int64_t> parse_amount_minor(std::string_view amount, int minor_digits, std::string_view currency) {
  if (amount.empty()) return amount_error(amount, "is empty");
  const auto dot = amount.find('.');
  const std::string_view integer = amount.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : amount.substr(dot + 1);
  if (!all_digits(integer) || (dot != std::string_view::npos && !all_digits(fraction))) {
    return amount_error(amount, "is not a plain decimal number (digits with an optional '.', e.g. 12.50)");
  }
  if (integer.size() > 1 && integer.front() == '0') return amount_error(amount, "has a leading zero");
  if (integer.size() > kMaxAmountIntegerDigits) {
    return amount_error(amount, "is too large (at most " + std::to_string(kMaxAmountIntegerDigits) +
                                    " digits before the decimal point)");
  }
  if (fraction.size() > static_cast<std::size_t>(minor_digits)) {
    return amount_error(amount, "has " + std::to_string(fraction.size()) + " decimal places, " + std::string(currency) + " allows at most " +
                                    std::to_string(minor_digits));
  }
  std::int64_t minor = 0;
  for (char c : integer) minor = minor * 10 + (c - '0');
  for (int i = 0; i < minor_digits; ++i) {
    const auto index = static_cast<std::size_t>(i);
    minor = minor * 10 + (index < fraction.size() ? fraction[index] - '0' : 0);
  }
  if (minor <= 0) return amount_error(amount, "must be greater than zero");
  return minor;
}

std::string format_minor(std::int64_t amount_minor, int minor_digits) {
  std::string digits = std::to_string(amount_minor < 0 ? -amount_minor : amount_minor);
  const auto width = static_cast<std::size_t>(minor_digits);
  if (digits.size() <= width) digits.insert(0, width + 1 - digits.size(), '0');
  if (width > 0) digits.insert(digits.size() - width, 1, '.');
  return amount_minor < 0 ? "-" + digits : digits;
}

}  // namespace payq
