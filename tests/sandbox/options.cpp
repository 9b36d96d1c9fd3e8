// sandbox/options.cpp — parsing of payq-sandbox's options: "--name value" pairs, durations with a unit
// (250ms, 3s, 2m), probabilities in [0, 1]. Errors name the option.
#include "options.h"

#include <charconv>
#include <functional>
#include <map>
#include <sstream>

namespace payq::sandbox {
namespace {

bool parse_int(const std::string& text, std::int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

bool parse_duration(const std::string& text, Millis& out) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || n < 0) return false;
  const std::string unit(end, text.data() + text.size());
  if (unit == "ms" || (unit.empty() && n == 0)) out = Millis(n);
  else if (unit == "s") out = std::chrono::seconds(n);
  else if (unit == "m") out = std::chrono::minutes(n);
  else return false;
  return true;
}

bool parse_fraction(const std::string& text, double& out) {
  std::istringstream in(text);
  in >> out;
  return in && in.eof() && out >= 0 && out <= 1;
}

using Setter = std::function<bool(Options&, const std::string&)>;

Setter integer(int Options::*field) {
  return [field](Options& o, const std::string& v) {
    std::int64_t n = 0;
    if (!parse_int(v, n) || n < 0 || n > 65535) return false;
    o.*field = static_cast<int>(n);
    return true;
  };
}
Setter duration(Millis Options::*field) {
  return [field](Options& o, const std::string& v) { return parse_duration(v, o.*field); };
}
Setter fraction(double Options::*field) {
  return [field](Options& o, const std::string& v) { return parse_fraction(v, o.*field); };
}
Setter text(std::string Options::*field) {
  return [field](Options& o, const std::string& v) {
    o.*field = v;
    return !v.empty();
  };
}

// Who the client is, how tokens and the rate limit behave, the network between us.
void add_api_setters(std::map<std::string, Setter>& m) {
  m.insert({
      {"--port", integer(&Options::port)},
      {"--client-id", text(&Options::client_id)},
      {"--client-secret", text(&Options::client_secret)},
      {"--token-path", text(&Options::token_path)},
      {"--token-expires-in",
       [](Options& o, const std::string& v) { return parse_int(v, o.token_expires_in) && o.token_expires_in >= 0; }},
      {"--echo-token-request",
       [](Options& o, const std::string& v) {
         std::int64_t n = 0;
         if (!parse_int(v, n) || n < 0) return false;
         o.echo_token_request = n;
         return true;
       }},
      {"--rate-limit", integer(&Options::rate_limit)},
      {"--retry-after",
       [](Options& o, const std::string& v) {
         std::int64_t n = 0;
         if (!parse_int(v, n) || n < 0) return false;
         o.retry_after = n;
         return true;
       }},
      {"--retry-after-form",
       [](Options& o, const std::string& v) {
         o.retry_after_form = v == "date" ? RetryAfterForm::kDate : RetryAfterForm::kSeconds;
         return v == "date" || v == "seconds";
       }},
      {"--latency", duration(&Options::latency)},
      {"--jitter", duration(&Options::jitter)},
  });
}

// How payments settle and which faults are injected.
void add_behaviour_setters(std::map<std::string, Setter>& m) {
  m.insert({
      {"--seed",
       [](Options& o, const std::string& v) {
         std::int64_t n = 0;
         if (!parse_int(v, n)) return false;
         o.seed = static_cast<std::uint64_t>(n);
         return true;
       }},
      {"--paid-fraction", fraction(&Options::paid_fraction)},
      {"--expired-fraction", fraction(&Options::expired_fraction)},
      {"--cancelled-fraction", fraction(&Options::cancelled_fraction)},
      {"--settle-min", duration(&Options::settle_min)},
      {"--settle-max", duration(&Options::settle_max)},
      {"--fail-before-create", fraction(&Options::fail_before_create)},
      {"--fail-after-create", fraction(&Options::fail_after_create)},
      {"--drop-after-create", fraction(&Options::drop_after_create)},
      {"--truncate", fraction(&Options::truncate)},
      {"--slow", fraction(&Options::slow)},
      {"--slow-delay", duration(&Options::slow_delay)},
      {"--outage-at",
       [](Options& o, const std::string& v) {
         Millis at{0};
         if (!parse_duration(v, at)) return false;
         o.outage_at = at;
         return true;
       }},
      {"--outage-for", duration(&Options::outage_for)},
      {"--outage-mode",
       [](Options& o, const std::string& v) {
         if (v == "503") o.outage_mode = OutageMode::kServiceUnavailable;
         else if (v == "close") o.outage_mode = OutageMode::kClose;
         else if (v == "refuse") o.outage_mode = OutageMode::kRefuse;
         else return false;
         return true;
       }},
  });
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> kSetters = [] {
    std::map<std::string, Setter> m;
    add_api_setters(m);
    add_behaviour_setters(m);
    return m;
  }();
  return kSetters;
}

std::string check(const Options& o) {
  if (o.paid_fraction + o.expired_fraction + o.cancelled_fraction > 1.0 + 1e-9) {
    return "--paid-fraction + --expired-fraction + --cancelled-fraction must not exceed 1";
  }
  if (o.settle_max < o.settle_min) return "--settle-max must not be less than --settle-min";
  return {};
}

}  // namespace

ParsedOptions parse_options(const std::vector<std::string>& args) {
  ParsedOptions parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      parsed.help = true;
      return parsed;
    }
    const auto it = setters().find(args[i]);
    if (it == setters().end()) {
      parsed.error = "unknown option '" + args[i] + "'";
      return parsed;
    }
    if (i + 1 >= args.size() || !it->second(parsed.options, args[i + 1])) {
      parsed.error = "bad or missing value for " + args[i];
      return parsed;
    }
    ++i;
  }
  parsed.error = check(parsed.options);
  return parsed;
}

std::string usage() {
  return "usage: payq-sandbox [--port N] [--client-id ID] [--client-secret S] [--token-path P]\n"
         "  [--token-expires-in SECONDS] [--echo-token-request N] [--rate-limit N] [--retry-after SECONDS]\n"
         "  [--retry-after-form seconds|date] [--latency D] [--jitter D] [--seed N] [--paid-fraction F]\n"
         "  [--expired-fraction F] [--cancelled-fraction F] [--settle-min D] [--settle-max D]\n"
         "  [--fail-before-create P] [--fail-after-create P] [--drop-after-create P] [--truncate P] [--slow P]\n"
         "  [--slow-delay D] [--outage-at D --outage-for D] [--outage-mode 503|close|refuse]\n"
         "--echo-token-request N: token errors echo the whole request (body, headers, credentials), and the\n"
         "  first N token calls are refused with such an error.\n"
         "Durations take a unit: 250ms, 3s, 2m. Probabilities are in [0, 1].\n"
         "Binds 127.0.0.1 only and prints 'listening on 127.0.0.1:PORT'.\n"
         "Admin: GET /_admin/stats, GET /_admin/payments (id and reference of every request created),\n"
         "  POST /_admin/advance?seconds=N (moves the sandbox clock).\n";
}

}  // namespace payq::sandbox
