// limiter/jitter_margin.h — the safety margin added to the limiter window, learned from round-trip-time spread.
// Not thread-safe on its own: Limiter guards it. Holds a bounded ring of recent RTTs, nothing else.
#pragma once

#include <chrono>
#include <cstddef>
#include <vector>

namespace payq::limiter {

struct MarginOptions {
  // Never less, even on loopback: the round trips we measure do not show how late a thread of ours or of the
  // partner gets the CPU on a busy host, and the partner counts a request when its handler runs. 20 ms of the
  // window (2% of the budget) kept a loaded 2-core host at zero 429s where 2 ms did not.
  std::chrono::microseconds floor{std::chrono::milliseconds(20)};
  std::chrono::microseconds ceiling{std::chrono::milliseconds(250)};  // never more, whatever the link does
  // Until min_samples RTTs were seen the link is assumed as jittery as allowed: a start after a restart or on a
  // new link must not spend the first seconds finding out with 429s.
  std::chrono::microseconds unknown{std::chrono::milliseconds(250)};
  double spread_factor = 0.75;  // margin = spread_factor * (p95 - p5) of the RTTs
  std::size_t samples = 64;     // ring size: about the last dozen seconds at 5 req/s
  std::size_t min_samples = 8;
};

// Why the spread: the partner counts a request when it arrives, one outbound delay after we start it. Two
// starts a window apart can arrive closer by (outbound delay of the first - outbound delay of the second),
// so the window must grow by the spread of outbound delays. We only see round trips; with two independent,
// alike legs, the spread of one leg is about 0.7 of the RTT's p5..p95 spread (uniform legs: full range of a leg
// = 0.73 x RTT p5..p95; Gaussian legs: sigma/sqrt 2), hence spread_factor 0.75. A mean or a fixed margin
// would be either too small under jitter or waste budget on a quiet link.
class JitterMargin {
 public:
  explicit JitterMargin(MarginOptions options);

  // One measured round trip, from the limiter permit to the response (local send delays count too).
  void observe(std::chrono::steady_clock::duration rtt);

  std::chrono::microseconds margin() const { return margin_; }

 private:
  std::chrono::microseconds compute() const;

  MarginOptions options_;
  std::vector<std::chrono::microseconds> ring_;
  std::size_t next_ = 0;
  std::chrono::microseconds margin_;
};

}  // namespace payq::limiter
