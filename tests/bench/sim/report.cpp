// sim/report.cpp — percentiles (nearest rank), shares and the fixed-width table. Deterministic text for a
// deterministic run: the wall-time column is the only figure that varies, and it can be left out.
#include "sim/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "config/duration.h"

namespace payq::sim {
namespace {

constexpr double kLimitPerSecond = 5.0;

std::optional<double> percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::string seconds_text(std::optional<double> seconds) {
  if (!seconds) return "-";
  char text[32];
  if (*seconds < 120) {
    std::snprintf(text, sizeof text, "%.1fs", *seconds);
  } else if (*seconds < 7200) {
    std::snprintf(text, sizeof text, "%.1fm", *seconds / 60);
  } else {
    std::snprintf(text, sizeof text, "%.2fh", *seconds / 3600);
  }
  return text;
}

double to_seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

// The bound in force: backoff's max_poll_interval, adaptive's max_poll_gap.
std::string cap_text(const SimResult& result) {
  const config::ReconcilerConfig defaults;
  if (result.options.policy == "backoff") {
    return config::format_duration(result.options.max_poll_interval.value_or(defaults.max_poll_interval));
  }
  return config::format_duration(result.options.max_poll_gap.value_or(defaults.max_poll_gap));
}

}  // namespace

Figures figures_of(const SimResult& result) {
  Figures f;
  const auto settled = result.counts.paid + result.counts.unpaid;
  if (settled > 0) f.polls_per_settled = static_cast<double>(result.partner.poll_calls) / static_cast<double>(settled);
  std::vector<double> lags;
  for (const PaymentRecord& p : result.partner.payments) {
    if (p.final_status == "paid" && p.seen_at) lags.push_back(to_seconds(*p.seen_at - p.changes_at));
  }
  f.paid_lag_p50_s = percentile(lags, 0.50);
  f.paid_lag_p95_s = percentile(lags, 0.95);
  const double per_hour = kLimitPerSecond * 3600.0;
  for (const std::int64_t polls : result.partner.polls_per_hour) {
    f.poll_share_max = std::max(f.poll_share_max, static_cast<double>(polls) / per_hour);
  }
  const double hours = std::max(1.0, std::ceil(to_seconds(result.simulated) / 3600.0));
  f.poll_share_mean = static_cast<double>(result.partner.poll_calls) / (per_hour * hours);
  return f;
}

bool invariants_hold(const SimResult& result) {
  return result.counts.all_final() && result.partner.over_limit == 0;
}

void print_header(std::ostream& out, bool with_wall) {
  char line[256];
  std::snprintf(line, sizeof line, "%-8s %-5s %-5s %7s %6s %9s %6s %7s %8s %8s %8s %8s %6s %6s %7s %6s", "policy",
                "bound", "load", "intents", "seed", "polls/set", "token", "create", "poll", "lag p50", "lag p95",
                "drain", "sh max", "sh avg", "final", "sim");
  out << line << (with_wall ? "    wall" : "") << '\n';
}

void print_row(std::ostream& out, const SimResult& result, bool with_wall) {
  const Figures f = figures_of(result);
  const PartnerStats& p = result.partner;
  const std::string drain = p.last_create ? seconds_text(to_seconds(*p.last_create)) : "-";
  char line[320];
  std::snprintf(line, sizeof line, "%-8s %-5s %-5s %7d %6llu %9.2f %6lld %7lld %8lld %8s %8s %8s %6.3f %6.3f %7s %6s",
                result.options.policy.c_str(), cap_text(result).c_str(), result.options.workload.c_str(),
                result.options.intents, static_cast<unsigned long long>(result.options.seed), f.polls_per_settled,
                static_cast<long long>(p.token_calls), static_cast<long long>(p.create_calls),
                static_cast<long long>(p.poll_calls), seconds_text(f.paid_lag_p50_s).c_str(),
                seconds_text(f.paid_lag_p95_s).c_str(), drain.c_str(), f.poll_share_max,
                f.poll_share_mean,
                (std::to_string(result.counts.final_count) + "/" + std::to_string(result.counts.total)).c_str(),
                seconds_text(to_seconds(result.simulated)).c_str());
  out << line;
  if (with_wall) {
    char wall[32];
    std::snprintf(wall, sizeof wall, " %7.1fs", result.wall_seconds);
    out << wall;
  }
  out << '\n';
}

void print_hourly_share(std::ostream& out, const SimResult& result, std::size_t hours) {
  const auto& per_hour = result.partner.polls_per_hour;
  out << "poll budget share by hour:";
  for (std::size_t h = 0; h < std::min(hours, per_hour.size()); ++h) {
    char cell[32];
    std::snprintf(cell, sizeof cell, " h%zu=%.3f", h, static_cast<double>(per_hour[h]) / (kLimitPerSecond * 3600.0));
    out << cell;
  }
  out << '\n';
}

void print_invariants(std::ostream& out, const SimResult& result) {
  const PartnerStats& p = result.partner;
  out << "invariants: " << result.counts.final_count << "/" << result.counts.total << " intents final; busiest "
      << "rolling second at the partner " << p.busiest_window << " (over the limit: " << p.over_limit
      << "; 429: " << p.throttled << ", 401: " << p.unauthorized << ") -> "
      << (invariants_hold(result) ? "ok" : "VIOLATED") << '\n';
}

void print_sweep_verdict(std::ostream& out, const std::vector<SimResult>& backoff, const SimResult* adaptive) {
  if (adaptive == nullptr) {
    out << "adaptive: not offered by this build, so no verdict\n";
    return;
  }
  const Figures a = figures_of(*adaptive);
  const SimResult* best = nullptr;
  for (const SimResult& b : backoff) {
    const Figures f = figures_of(b);
    if (!f.paid_lag_p95_s || !a.paid_lag_p95_s || *f.paid_lag_p95_s > *a.paid_lag_p95_s) continue;
    if (best == nullptr || b.partner.poll_calls < best->partner.poll_calls) best = &b;
  }
  if (best == nullptr) {
    out << "no backoff cap reaches adaptive's paid-lag p95 (" << seconds_text(a.paid_lag_p95_s) << ")\n";
    return;
  }
  out << "cheapest backoff with paid-lag p95 no worse than adaptive's: max_poll_interval " << cap_text(*best)
      << "; polls adaptive/backoff = "
      << static_cast<double>(adaptive->partner.poll_calls) / static_cast<double>(std::max<std::int64_t>(1, best->partner.poll_calls))
      << '\n';
}

}  // namespace payq::sim
