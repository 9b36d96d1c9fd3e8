// sandbox/settle_schedule.h — the seeded fate of one payment request: which final status it reaches and how
// long after its creation (uniform or lognormal delay, then the expiry cut-off). Pure; no clock, no state.
#pragma once

#include <cstdint>
#include <string>

#include "options.h"

namespace payq::sandbox {

struct Fate {
  std::string status;  // "paid", "expired", "cancelled", or "pending": never changes
  Millis after{0};     // from creation to the change (meaningless for "pending")
};

// The fate of the payment whose seeded random bits are `bits`: the same bits and options give the same fate.
Fate draw_fate(const Options& options, std::uint64_t bits);

// The seeded random bits of payment number n (1, 2, ...): splitmix64 of the seed and n.
std::uint64_t payment_bits(std::uint64_t seed, std::uint64_t n);

}  // namespace payq::sandbox
