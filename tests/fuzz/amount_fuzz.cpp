// tests/fuzz/amount_fuzz.cpp — libFuzzer target: amount strings through parse_amount_minor and validate_intent.
// Invariant: an accepted amount's minor units are exact (formatting them back gives the amount, zero-padded).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "payq/currency.h"
#include "payq/intent.h"

namespace {

// "12.5" with 2 minor digits -> "12.50"; "7" with 0 -> "7": what format_minor must give back.
std::string padded(const std::string& amount, int minor_digits) {
  const auto dot = amount.find('.');
  std::string integer = amount.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : amount.substr(dot + 1);
  if (minor_digits == 0) return integer;
  fraction.append(static_cast<std::size_t>(minor_digits) - fraction.size(), '0');
  return integer + "." + fraction;
}

void check_exact(const std::string& amount, int minor_digits, std::int64_t minor) {
  if (minor <= 0) std::abort();
  if (payq::format_minor(minor, minor_digits) != padded(amount, minor_digits)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const int minor_digits = in.ConsumeIntegralInRange<int>(0, 4);
  const char* const currencies[] = {"EUR", "JPY", "KWD", "CLF", "XXX", ""};
  const std::string currency = currencies[in.ConsumeIntegralInRange<int>(0, 5)];
  const std::string amount = in.ConsumeRemainingBytesAsString();

  const payq::Result<std::int64_t> minor = payq::parse_amount_minor(amount, minor_digits);
  if (minor.is_ok()) check_exact(amount, minor_digits, *minor);

  payq::IntentInput input;
  input.reference_id = "FUZZ-1";
  input.amount = amount;
  input.currency = currency;
  input.redirect_url = "https://shop.example/done";
  const payq::Result<payq::Intent> intent = payq::validate_intent(input);
  if (intent.is_ok()) {
    const std::optional<int> digits = payq::currency_minor_digits(currency);
    if (!digits || intent->amount != amount) std::abort();
    check_exact(amount, *digits, intent->amount_minor);
  }
  return 0;
}
