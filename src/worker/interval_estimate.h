// worker/interval_estimate.h — Turnbull's estimate of when events happened, from observations that only bracket
// them: each event lies somewhere in (after, by], or after `after` when it has not been seen yet. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace payq::worker {

// One observation, in whole milliseconds. by: nullopt while the event has not been seen (right-censored).
// label: which kind of event it was (ignored while censored), below the `labels` given to estimate_intervals.
struct Bracket {
  std::int64_t after_ms = 0;
  std::optional<std::int64_t> by_ms;
  std::size_t label = 0;
};

// Where the estimate puts probability: on the innermost intervals (after, by] — the pieces no observation's
// bracket starts or ends inside — and, when some observations are censored, beyond the last of them (by_ms
// nullopt). label_share: how the events observed there split among the labels (sums to 1, or all 0 where no
// event is observed, e.g. beyond).
struct IntervalMass {
  std::int64_t after_ms = 0;
  std::optional<std::int64_t> by_ms;
  double probability = 0;
  std::vector<double> label_share;
};

// The nonparametric maximum-likelihood distribution of event ages (Turnbull 1976), by the self-consistency
// (EM) iteration: each observation spreads itself over the intervals inside its bracket in proportion to the
// current estimate, until the estimate stops moving (or an iteration cap; each pass is linear in the
// observations). Unlike counting each event at the middle of its bracket, a wide bracket (a first poll that came
// late) does not smear its event over ages the narrow brackets show to be quiet. Ascending, disjoint intervals;
// empty for no observations.
std::vector<IntervalMass> estimate_intervals(const std::vector<Bracket>& observations, std::size_t labels);

}  // namespace payq::worker
