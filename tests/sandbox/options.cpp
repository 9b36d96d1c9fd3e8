// sandbox/options.cpp — parsing of payq-sandbox's options: "--name value" pairs, durations with a unit
// (250ms, 3s, 2m), probabilities in [0, 1]. Errors name the option.
#include "options.h"

#include <charconv>
#include <functional>
#include <map>
#include <set>
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

// "MEDIAN,SIGMA": a positive duration and a spread in [0, kMaxSigma].
bool parse_lognormal(const std::string& text, LogNormal& out) {
  constexpr double kMaxSigma = 5;
  const auto comma = text.find(',');
  if (comma == std::string::npos) return false;
  std::istringstream sigma(text.substr(comma + 1));
  sigma >> out.sigma;
  if (!sigma || !sigma.eof() || !(out.sigma >= 0 && out.sigma <= kMaxSigma)) return false;
  return parse_duration(text.substr(0, comma), out.median) && out.median.count() > 0;
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
// An optional duration; `positive`: zero is refused too.
Setter optional_duration(std::optional<Millis> Options::*field, bool positive) {
  return [field, positive](Options& o, const std::string& v) {
    Millis value{0};
    if (!parse_duration(v, value) || (positive && value.count() == 0)) return false;
    o.*field = value;
    return true;
  };
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

// How payments settle: which final status, after how long.
void add_settle_setters(std::map<std::string, Setter>& m) {
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
      {"--settle-lognormal",
       [](Options& o, const std::string& v) {
         LogNormal shape;
         if (!parse_lognormal(v, shape)) return false;
         o.settle_lognormal = shape;
         return true;
       }},
      {"--expire-after", optional_duration(&Options::expire_after, true)},
  });
}

// Which faults are injected.
void add_fault_setters(std::map<std::string, Setter>& m) {
  m.insert({
      {"--fail-before-create", fraction(&Options::fail_before_create)},
      {"--fail-after-create", fraction(&Options::fail_after_create)},
      {"--drop-after-create", fraction(&Options::drop_after_create)},
      {"--truncate", fraction(&Options::truncate)},
      {"--slow", fraction(&Options::slow)},
      {"--slow-delay", duration(&Options::slow_delay)},
      {"--outage-at", optional_duration(&Options::outage_at, false)},
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
    add_settle_setters(m);
    add_fault_setters(m);
    return m;
  }();
  return kSetters;
}

// Cross-option rules; `given` holds the options named on the command line.
std::string check(const Options& o, const std::set<std::string>& given) {
  if (given.contains("--settle-lognormal") && (given.contains("--settle-min") || given.contains("--settle-max"))) {
    return "--settle-lognormal replaces --settle-min/--settle-max: give one or the other";
  }
  if (o.paid_fraction + o.expired_fraction + o.cancelled_fraction > 1.0 + 1e-9) {
    return "--paid-fraction + --expired-fraction + --cancelled-fraction must not exceed 1";
  }
  if (o.settle_max < o.settle_min) return "--settle-max must not be less than --settle-min";
  return {};
}

}  // namespace

ParsedOptions parse_options(const std::vector<std::string>& args) {
  ParsedOptions parsed;
  std::set<std::string> given;
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
    given.insert(args[i]);
    ++i;
  }
  parsed.error = check(parsed.options, given);
  return parsed;
}

std::string usage() {
  return "usage: payq-sandbox [--port N] [--client-id ID] [--client-secret S] [--token-path P]\n"
         "  [--token-expires-in SECONDS] [--echo-token-request N] [--rate-limit N] [--retry-after SECONDS]\n"
         "  [--retry-after-form seconds|date] [--latency D] [--jitter D] [--seed N] [--paid-fraction F]\n"
         "  [--expired-fraction F] [--cancelled-fraction F] [--settle-min D] [--settle-max D]\n"
         "  [--settle-lognormal MEDIAN,SIGMA] [--expire-after D]\n"
         "  [--fail-before-create P] [--fail-after-create P] [--drop-after-create P] [--truncate P] [--slow P]\n"
         "  [--slow-delay D] [--outage-at D --outage-for D] [--outage-mode 503|close|refuse]\n"
         "--echo-token-request N: token errors echo the whole request (body, headers, credentials), and the\n"
         "  first N token calls are refused with such an error.\n"
         "Each request draws its fate from --seed and its number: paid, expired or cancelled by the fractions\n"
         "  (the rest stays pending), after a delay uniform in [--settle-min, --settle-max] or, with\n"
         "  --settle-lognormal 2s,1.5, of median 2s and spread sigma 1.5 (how real customers pay).\n"
         "--expire-after D: a request still pending D after its creation (its delay is later, or it would never\n"
         "  settle) expires at exactly D.\n"
         "Durations take a unit: 250ms, 3s, 2m. Probabilities are in [0, 1].\n"
         "Binds 127.0.0.1 only and prints 'listening on 127.0.0.1:PORT'.\n"
         "Admin: GET /_admin/stats, GET /_admin/payments (id and reference of every request created; with\n"
         "  ?format=json also its fate, status and changed_at_ms, when its status changes at the partner),\n"
         "  POST /_admin/advance?seconds=N (moves the sandbox clock).\n";
}

}  // namespace payq::sandbox
