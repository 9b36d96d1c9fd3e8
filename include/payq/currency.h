// payq/currency.h — ISO 4217 currency codes and their minor digits (USD 2, JPY 0, KWD 3, CLF 4).
// The same table is seeded into the database by migrations/0001_init.sql; a unit test keeps them equal.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace payq {

struct CurrencyInfo {
  std::string_view code;
  int minor_digits;
};

// Every currency payq accepts, sorted by code.
std::span<const CurrencyInfo> known_currencies();

// Minor digits of an upper-case ISO 4217 code, or nullopt when payq does not know it.
std::optional<int> currency_minor_digits(std::string_view code);

}  // namespace payq
