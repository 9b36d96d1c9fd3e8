// payq/intent.h — a payment intent as a producer gives it, and the one validation every path uses
// (CLI, import, C++ producer API). Pure functions: no I/O, no clock, no floating point near money.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "payq/status.h"

namespace payq {

inline constexpr std::size_t kMaxReferenceIdLength = 128;
inline constexpr std::size_t kMaxBatchLength = 128;
inline constexpr std::size_t kMaxRedirectUrlLength = 2048;
inline constexpr std::size_t kMaxAmountIntegerDigits = 14;  // with up to 4 minor digits, amount_minor < 10^18

// What a producer supplies. An empty reference_id asks enqueue to generate one.
struct IntentInput {
  std::string reference_id;
  std::string amount;  // decimal string, sent to the partner exactly as given
  std::string currency;
  std::string redirect_url;
  std::optional<std::string> batch;
};

// A validated intent: every field checked, amount_minor derived exactly from amount.
struct Intent {
  std::string reference_id;
  std::string amount;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::string redirect_url;
  std::optional<std::string> batch;

  // Same request to the partner (reference, amount, currency, redirect_url): what makes a re-enqueue
  // "already present" rather than a conflict. The batch tag is bookkeeping and not compared.
  bool same_content(const Intent& other) const;
};

// Validates every field; the kInvalidArgument message names the field and the value's problem,
// e.g. "amount: '1.234' has 3 decimal places, USD allows at most 2".
Result<Intent> validate_intent(const IntentInput& input);

// "12.34" with 2 minor digits -> 1234. Positive, digits only, at most `minor_digits` decimals;
// `currency` only names the currency in the error message.
Result<std::int64_t> parse_amount_minor(std::string_view amount, int minor_digits,
                                        std::string_view currency = "the currency");

// 1234 with 2 minor digits -> "12.34"; the inverse of parse_amount_minor for display and reports.
std::string format_minor(std::int64_t amount_minor, int minor_digits);

Status validate_reference_id(std::string_view reference_id);
Status validate_redirect_url(std::string_view url);
Status validate_batch(std::string_view batch);

// A fresh, practically unique reference: "pq-<unix ms, hex>-<64 random bits, hex>".
std::string generate_reference_id();

}  // namespace payq
