// cli/status.cpp — `payq status [--format text|json|prometheus] [--unhealthy-after D]`: a health summary for
// operators and monitoring, read from the database alone; kExitUnhealthy when status_health.h's judge() finds reasons.
#include <array>
#include <cstdio>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/arg_parser.h"
#include "cli/json_writer.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/status_health.h"
#include "cli/status_prometheus.h"
#include "common/clock.h"
#include "common/time_format.h"
#include "config/duration.h"
#include "store/health_queries.h"
#include "store/heartbeat_store.h"
#include "store/intent_reader.h"
#include "store/pause_store.h"
#include "store/queue_stats.h"
#include "store/settle_history.h"
#include "worker/poll_plan_source.h"

namespace payq::cli {
namespace {


constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kMinuteMs = 60'000;

using Snapshot = StatusSnapshot;

std::string policy_in_force(const Snapshot& s) {
  return s.daemon && !s.daemon->poll_policy.empty() ? s.daemon->poll_policy : std::string();
}

std::optional<std::int64_t> age_s(const Snapshot& s, std::optional<std::int64_t> at_ms) {
  if (!at_ms) return std::nullopt;
  return (s.now_ms - *at_ms) / 1000;
}

std::string joined(const std::vector<std::string>& reasons) {
  std::string text;
  for (const std::string& reason : reasons) text += (text.empty() ? "" : "; ") + reason;
  return text;
}

void write_time(JsonWriter& w, const char* key, std::optional<std::int64_t> at_ms) {
  w.Key(key);
  if (at_ms) {
    w.String(format_utc_ms(*at_ms).c_str());
  } else {
    w.Null();
  }
}

void write_age(JsonWriter& w, const char* key, std::optional<std::int64_t> seconds) {
  w.Key(key);
  if (seconds) {
    w.Int64(*seconds);
  } else {
    w.Null();
  }
}

void write_rate(JsonWriter& w, const char* key, std::optional<double> per_second) {
  w.Key(key);
  if (per_second) {
    w.Double(std::round(*per_second * 1000) / 1000);
  } else {
    w.Null();
  }
}

// The verdict: healthy, reasons (every rule that fired) and problem (the reasons in one string, as before).
void write_verdict(JsonWriter& w, const std::vector<std::string>& reasons) {
  w.Key("healthy"); w.Bool(reasons.empty());
  w.Key("reasons");
  w.StartArray();
  for (const std::string& reason : reasons) w.String(reason.c_str());
  w.EndArray();
  w.Key("problem");
  if (!reasons.empty()) {
    w.String(joined(reasons).c_str());
  } else {
    w.Null();
  }
}

struct RecentCounts {
  std::int64_t calls = 0;
  std::int64_t failed = 0;        // neither success nor 429
  std::int64_t rate_limited = 0;  // 429
};

RecentCounts recent_counts(const Snapshot& s) {
  RecentCounts counts;
  for (const auto& [outcome, n] : s.recent.by_outcome) {
    counts.calls += n;
    if (outcome == "rate_limited") {
      counts.rate_limited += n;
    } else if (outcome != "success") {
      counts.failed += n;
    }
  }
  return counts;
}

// Calls of the last few minutes (the recent-calls rules) and the two rates, both in requests per second.
void write_traffic(JsonWriter& w, const Snapshot& s) {
  const RecentCounts counts = recent_counts(s);
  w.Key("recent_calls");
  w.StartObject();
  w.Key("window_s"); w.Int64(std::chrono::seconds(kRecentWindow).count());
  w.Key("calls"); w.Int64(counts.calls);
  w.Key("failed"); w.Int64(counts.failed);
  w.Key("rate_limited"); w.Int64(counts.rate_limited);
  w.EndObject();
  write_rate(w, "request_rate", request_rate(s));
  write_rate(w, "limiter_rate", limiter_rate(s));
}

void print_json(std::ostream& out, const Snapshot& s, const std::vector<std::string>& reasons) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  write_verdict(w, reasons);
  write_time(w, "checked_at", s.now_ms);
  w.Key("unhealthy_after"); w.String(config::format_duration(s.unhealthy_after).c_str());
  w.Key("states");
  w.StartObject();
  std::int64_t total = 0;
  for (std::string_view state : store::kIntentStates) {
    w.Key(state.data(), static_cast<rapidjson::SizeType>(state.size()));
    w.Int64(count_of(s, state));
    total += count_of(s, state);
  }
  w.EndObject();
  w.Key("total"); w.Int64(total);
  w.Key("running"); w.Bool(daemon_running(s));
  w.Key("in_flight"); w.Int64(count_of(s, "submitting"));
  write_traffic(w, s);
  w.Key("paused");
  if (s.paused) {
    w.StartObject();
    w.Key("by"); w.String(s.paused->paused_by.c_str());
    write_time(w, "since", s.paused->paused_at);
    write_age(w, "age_s", age_s(s, s.paused->paused_at));
    w.Key("reason"); w.String(s.paused->reason.c_str());
    w.EndObject();
  } else {
    w.Null();
  }
  write_time(w, "oldest_queued_at", s.figures.oldest_queued_at);
  write_age(w, "oldest_queued_age_s", age_s(s, s.figures.oldest_queued_at));
  write_time(w, "oldest_poll_due_at", s.figures.oldest_poll_due_at);
  write_time(w, "last_success_at", s.figures.last_success_at);
  write_age(w, "last_success_age_s", age_s(s, s.figures.last_success_at));
  w.Key("calls_last_hour"); w.Int64(s.figures.calls_in_window);
  w.Key("rate_limited_last_hour"); w.Int64(s.figures.rate_limited_in_window);
  w.Key("ambiguous_intents"); w.Int64(s.figures.ambiguous_intents);
  w.Key("reconciler");
  w.StartObject();
  w.Key("policy");
  if (const std::string policy = policy_in_force(s); !policy.empty()) {
    w.String(policy.c_str());
  } else {
    w.Null();
  }
  w.Key("awaiting_poll"); w.Int64(s.polls.awaiting_poll);
  w.Key("polls_last_hour"); w.Int64(s.polls.polls_last_hour);
  w.Key("median_time_to_payment_s");
  if (s.median_to_payment_ms) {
    w.Double(*s.median_to_payment_ms / 1000.0);
  } else {
    w.Null();
  }
  w.Key("settlements_learned"); w.Int(s.settlements_learned);
  w.EndObject();
  const auto write_standbys = [&] {
    w.StartArray();
    for (const store::Standby& standby : s.standbys) {
      w.StartObject();
      w.Key("pid"); w.Int64(standby.pid);
      w.Key("host"); w.String(standby.host.c_str());
      write_time(w, "since", standby.since);
      write_time(w, "last_seen_at", standby.beat_at);
      w.EndObject();
    }
    w.EndArray();
  };
  w.Key("standbys");
  write_standbys();
  w.Key("daemon");
  if (s.daemon) {
    w.StartObject();
    w.Key("pid"); w.Int64(s.daemon->pid);
    w.Key("host"); w.String(s.daemon->host.c_str());
    w.Key("epoch"); w.Int64(s.daemon->epoch);
    w.Key("version"); w.String(s.daemon->version.c_str());
    write_time(w, "started_at", s.daemon->started_at);
    write_time(w, "last_seen_at", s.daemon->beat_at);
    write_age(w, "last_seen_age_s", age_s(s, s.daemon->beat_at));
    write_time(w, "stopped_at", s.daemon->stopped_at);
    w.Key("rate"); w.Double(s.daemon->rate);
    w.Key("margin_ms"); w.Double(static_cast<double>(s.daemon->margin_us) / 1000.0);
    w.Key("standbys");  // the same list as the top-level one, beside the leader it waits behind
    write_standbys();
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  stream.Flush();
  out << "\n";
}

std::string when(const Snapshot& s, std::optional<std::int64_t> at_ms) {
  if (!at_ms) return "none";
  return format_utc_ms(*at_ms) + " (" + std::to_string(*age_s(s, at_ms)) + " s ago)";
}

void print_text(std::ostream& out, const Snapshot& s, const std::vector<std::string>& reasons) {
  if (reasons.empty()) out << "health          ok\n";
  for (const std::string& reason : reasons) out << "health          UNHEALTHY: " << reason << "\n";
  out << "intents        ";
  std::int64_t total = 0;
  const char* separator = "";
  for (std::string_view state : store::kIntentStates) {
    out << separator << " " << state << " " << count_of(s, state);
    separator = ",";
    total += count_of(s, state);
  }
  out << " (total " << total << ")\n";
  out << "oldest queued   " << when(s, s.figures.oldest_queued_at) << "\n";
  out << "next poll due   " << (s.figures.oldest_poll_due_at ? format_utc_ms(*s.figures.oldest_poll_due_at) : "none")
      << "\n";
  out << "last success    " << when(s, s.figures.last_success_at) << "\n";
  out << "last hour       " << s.figures.calls_in_window << " API calls, " << s.figures.rate_limited_in_window
      << " answered 429\n";
  const RecentCounts counts = recent_counts(s);
  out << "last " << kRecentWindow.count() << " min      " << counts.calls << " API calls, " << counts.failed
      << " failed, " << counts.rate_limited << " answered 429\n";
  char rates[96];
  std::snprintf(rates, sizeof rates, "%.2f req/s over the last minute", request_rate(s));
  out << "requests        " << rates;
  if (const auto allowed = limiter_rate(s)) {
    std::snprintf(rates, sizeof rates, ", the limiter allows %.2f req/s", *allowed);
    out << rates;
  }
  out << "\n";
  out << "ambiguous       " << s.figures.ambiguous_intents << " intents\n";
  out << "submissions     "
      << (s.paused ? "PAUSED by " + s.paused->paused_by + " since " + when(s, s.paused->paused_at) +
                         (s.paused->reason.empty() ? "" : ": " + s.paused->reason)
                   : std::string("claiming"))
      << ", " << count_of(s, "submitting") << " in flight\n";
  const std::string policy = policy_in_force(s);
  out << "reconciler      " << (policy.empty() ? "policy unknown (no daemon heartbeat)" : "policy " + policy) << ", "
      << s.polls.awaiting_poll << " awaiting a poll, " << s.polls.polls_last_hour << " polls in the last hour, "
      << "median time to payment "
      << (s.median_to_payment_ms ? config::format_duration(std::chrono::milliseconds(
                                       static_cast<std::int64_t>(*s.median_to_payment_ms)))
                                 : std::string("not learned yet"))
      << " (from " << s.settlements_learned << " settlements)\n";
  out << "daemon          ";
  if (s.daemon) {
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f req/s", s.daemon->rate);
    out << "pid " << s.daemon->pid << (s.daemon->host.empty() ? "" : " on " + s.daemon->host) << ", ";
    if (daemon_stopped_cleanly(s)) {
      out << "stopped at " << when(s, s.daemon->stopped_at) << "\n";
    } else {
      out << (daemon_running(s) ? "running, last seen " : "NOT RUNNING, last seen ") << when(s, s.daemon->beat_at)
          << ", rate " << rate << "\n";
    }
  } else {
    out << "never ran on this database\n";
  }
  for (const store::Standby& standby : s.standbys) {
    out << "standby         pid " << standby.pid << " on " << standby.host << ", waiting since "
        << when(s, standby.since) << "\n";
  }
}

// --NAME D into `into`, which keeps its default when the option is absent.
Status read_duration(const ArgParser& parser, const char* name, config::Duration& into) {
  auto text = parser.value(name);
  if (!text) return Status::ok();
  auto parsed = config::parse_duration(*text);
  if (!parsed) return {StatusCode::kInvalidArgument, std::string("--") + name + ": " + parsed.status().message()};
  into = *parsed;
  return Status::ok();
}

}  // namespace

ArgParser status_parser() {
  ArgParser parser("payq status [--format text|json|prometheus] [--unhealthy-after D] [--paused-unhealthy-after D]",
                   "A health summary: intents by state, oldest queued intent, last successful API call, calls\n"
                   "and 429 answers in the last hour, ambiguous intents, the reconciler's view (poll policy, requests\n"
                   "awaiting a poll, polls in the last hour, learned median time to payment). Exit 9 when unhealthy,\n"
                   "with every reason: the running daemon reports a problem (credentials rejected, partner\n"
                   "unreachable, database), the daemon is gone without a clean stop, work has waited longer than\n"
                   "--unhealthy-after and no API call succeeded within it, the latest API calls all failed or half\n"
                   "of the last 5 minutes' did, or submissions have been paused longer than --paused-unhealthy-after.");
  parser.option("format", "F", "text (default), json (one object) or prometheus (metrics for node_exporter)",
                {"text", "json", "prometheus"})
      .option("unhealthy-after", "D",
              "how long work may wait without a successful API call (default 15m); also how old a heartbeat may "
              "be, within 10s-30s")
      .option("paused-unhealthy-after", "D", "how long submissions may stay paused (default 1h)");
  return parser;
}

int run_status(CommandContext& ctx) {
  ArgParser parser = status_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string format = parser.value("format").value_or("text");
  if (format != "text" && format != "json" && format != "prometheus") {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be text, json or prometheus"});
  }
  Snapshot s;
  for (auto [name, into] : {std::pair{"unhealthy-after", &s.unhealthy_after},
                            std::pair{"paused-unhealthy-after", &s.paused_unhealthy_after}}) {
    if (Status read = read_duration(parser, name, *into); !read) return fail(ctx.err, read);
  }
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  s.now_ms = to_unix_ms(std::chrono::system_clock::now());
  auto by_state = (*db)->queue_stats().count_by_state();
  if (!by_state) return fail(ctx.err, by_state.status());
  auto figures = (*db)->health().figures(s.now_ms - kHourMs);
  if (!figures) return fail(ctx.err, figures.status());
  auto recent = (*db)->health().recent_calls(
      s.now_ms - std::chrono::milliseconds(kRecentWindow).count(), kAllFailCalls, s.now_ms - kMinuteMs);
  if (!recent) return fail(ctx.err, recent.status());
  s.recent = std::move(recent).value();
  auto heartbeat = (*db)->heartbeat().read();
  if (!heartbeat) return fail(ctx.err, heartbeat.status());
  s.daemon = std::move(heartbeat).value();
  auto standbys = (*db)->heartbeat().standbys(s.now_ms - std::chrono::milliseconds(kStandbySeen).count());
  if (!standbys) return fail(ctx.err, standbys.status());
  s.standbys = std::move(standbys).value();
  auto paused = (*db)->pause().read();
  if (!paused) return fail(ctx.err, paused.status());
  s.paused = std::move(paused).value();
  store::SettleHistory& history = (*db)->settle_history();
  auto load = history.load(s.now_ms);
  if (!load) return fail(ctx.err, load.status());
  s.polls = *load;
  auto curve = worker::learn_curve(history);
  if (!curve) return fail(ctx.err, curve.status());
  s.median_to_payment_ms = curve->median_time_to_payment_ms();
  s.settlements_learned = curve->events();
  s.by_state = std::move(by_state).value();
  s.figures = std::move(figures).value();
  const std::vector<std::string> reasons = judge(s);
  if (format == "prometheus") {
    if (Status printed = print_status_prometheus(ctx.out, **db, s.now_ms, s.daemon, reasons.empty()); !printed) {
      return fail(ctx.err, printed);
    }
  } else if (format == "json") {
    print_json(ctx.out, s, reasons);
  } else {
    print_text(ctx.out, s, reasons);
  }
  return reasons.empty() ? kExitOk : kExitUnhealthy;
}

}  // namespace payq::cli
