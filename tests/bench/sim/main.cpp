// sim/main.cpp — payq_simulate: one batch simulation, or a sweep of backoff caps against adaptive, printed as a table.
// Exit 0: every run kept its invariants; 1: a run broke one (or failed); 2: bad options.
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/duration.h"
#include "sim/report.h"
#include "sim/simulation.h"

namespace {

using payq::sim::SimOptions;
using payq::sim::SimResult;

constexpr std::string_view kUsage =
    "usage: payq_simulate [--intents N] [--workload slow|fast] [--policy backoff|adaptive]\n"
    "                     [--max-poll-interval D] [--max-poll-gap D] [--seed S] [--hours H] [--latency D] [--idle-check D]\n"
    "                     [--sweep] [--no-wall] [--dir PATH]\n"
    "       payq_simulate --policies   (the policies this build offers)\n";

struct Cli {
  SimOptions run;
  bool sweep = false;
  bool with_wall = true;
  bool list_policies = false;
  bool help = false;
};

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

bool parse_duration_into(std::string_view text, std::chrono::milliseconds& out) {
  auto parsed = payq::config::parse_duration(text);
  if (parsed) out = *parsed;
  return static_cast<bool>(parsed);
}

// Returns the problem with the options, or an empty string.
std::string parse(int argc, char** argv, Cli& cli) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--sweep") { cli.sweep = true; continue; }
    if (flag == "--no-wall") { cli.with_wall = false; continue; }
    if (flag == "--policies") { cli.list_policies = true; continue; }
    if (flag == "--help") { cli.help = true; continue; }
    if (i + 1 >= argc) return std::string(flag) + ": needs a value (or is unknown)";
    const std::string_view value = argv[++i];
    bool ok = true;
    std::chrono::milliseconds duration{};
    int hours = 0;
    if (flag == "--intents") {
      ok = parse_number(value, cli.run.intents) && cli.run.intents > 0;
    } else if (flag == "--workload") {
      cli.run.workload = value;
    } else if (flag == "--policy") {
      cli.run.policy = value;
    } else if (flag == "--max-poll-interval") {
      ok = parse_duration_into(value, duration);
      cli.run.max_poll_interval = duration;
    } else if (flag == "--max-poll-gap") {
      ok = parse_duration_into(value, duration);
      cli.run.max_poll_gap = duration;
    } else if (flag == "--seed") {
      ok = parse_number(value, cli.run.seed);
    } else if (flag == "--hours") {
      ok = parse_number(value, hours) && hours > 0;
      cli.run.horizon = std::chrono::hours(hours);
    } else if (flag == "--latency") {
      ok = parse_duration_into(value, cli.run.latency);
    } else if (flag == "--idle-check") {
      ok = parse_duration_into(value, cli.run.idle_check) && cli.run.idle_check.count() > 0;
    } else if (flag == "--dir") {
      cli.run.directory = value;
    } else {
      return "unknown option " + std::string(flag);
    }
    if (!ok) return std::string(flag) + ": '" + std::string(value) + "' is not valid";
  }
  return {};
}

// Runs one configuration, prints its row; nullopt (after saying why) when it could not run.
std::optional<SimResult> run_one(const SimOptions& options, bool with_wall) {
  auto result = payq::sim::run_simulation(options);
  if (!result) {
    std::cerr << "payq_simulate: " << result.status().message() << '\n';
    return std::nullopt;
  }
  payq::sim::print_row(std::cout, *result, with_wall);
  std::cout.flush();
  return std::move(result).value();
}

int single(const Cli& cli) {
  payq::sim::print_header(std::cout, cli.with_wall);
  auto result = run_one(cli.run, cli.with_wall);
  if (!result) return 1;
  payq::sim::print_hourly_share(std::cout, *result, 12);
  payq::sim::print_invariants(std::cout, *result);
  return payq::sim::invariants_hold(*result) ? 0 : 1;
}

int sweep(const Cli& cli) {
  using std::chrono::hours;
  using std::chrono::minutes;
  const std::vector<std::chrono::milliseconds> caps = {minutes(1),  minutes(2), minutes(5), minutes(10), minutes(15),
                                                       minutes(30), hours(1),   hours(2),   hours(4)};
  payq::sim::print_header(std::cout, cli.with_wall);
  std::vector<SimResult> backoff;
  bool ok = true;
  for (const auto cap : caps) {
    SimOptions options = cli.run;
    options.policy = "backoff";
    options.max_poll_interval = cap;
    auto result = run_one(options, cli.with_wall);
    if (!result) return 1;
    ok = ok && payq::sim::invariants_hold(*result);
    backoff.push_back(std::move(*result));
  }
  std::optional<SimResult> adaptive;
  if (payq::sim::policy_supported("adaptive")) {
    SimOptions options = cli.run;
    options.policy = "adaptive";
    adaptive = run_one(options, cli.with_wall);
    if (!adaptive) return 1;
    ok = ok && payq::sim::invariants_hold(*adaptive);
  }
  payq::sim::print_sweep_verdict(std::cout, backoff, adaptive ? &*adaptive : nullptr);
  std::cout << "invariants: " << (ok ? "ok in every run" : "VIOLATED in some run") << '\n';
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Cli cli;
  if (const std::string problem = parse(argc, argv, cli); !problem.empty()) {
    std::cerr << "payq_simulate: " << problem << '\n' << kUsage;
    return 2;
  }
  if (cli.help) {
    std::cout << kUsage;
    return 0;
  }
  if (cli.list_policies) {
    for (const char* policy : {"backoff", "adaptive"}) {
      if (payq::sim::policy_supported(policy)) std::cout << policy << '\n';
    }
    return 0;
  }
  spdlog::set_level(spdlog::level::warn);
  return cli.sweep ? sweep(cli) : single(cli);
}
