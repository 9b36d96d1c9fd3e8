// cli/status.cpp — `payq status [--format text|json|prometheus] [--unhealthy-after D]`: a health summary for
// operators and monitoring, read from the database alone; the exit code is kExitUnhealthy when work waits and nothing succeeds.
#include <array>
#include <cstdio>
#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/status_prometheus.h"
#include "common/clock.h"
#include "daemon/daemon_liveness.h"
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

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

constexpr std::int64_t kHourMs = 3'600'000;

struct Snapshot {
  std::int64_t now_ms = 0;
  config::Duration unhealthy_after{};
  std::map<std::string, std::int64_t> by_state;
  store::HealthFigures figures;
  std::optional<store::Heartbeat> daemon;  // the last heartbeat of a payq run on this database
  std::optional<store::PauseState> paused;  // the operator's pause of submissions, if any
  config::Duration paused_unhealthy_after{};
  std::optional<std::string> problem;  // set when unhealthy
  store::ReconcilerLoad polls;
  std::optional<double> median_to_payment_ms;  // learned from the history, as the adaptive policy sees it
  int settlements_learned = 0;
};

std::string policy_in_force(const Snapshot& s) {
  return s.daemon && !s.daemon->poll_policy.empty() ? s.daemon->poll_policy : std::string();
}

std::int64_t count_of(const Snapshot& s, std::string_view state) {
  auto it = s.by_state.find(std::string(state));
  return it == s.by_state.end() ? 0 : it->second;
}

std::optional<std::int64_t> age_s(const Snapshot& s, std::optional<std::int64_t> at_ms) {
  if (!at_ms) return std::nullopt;
  return (s.now_ms - *at_ms) / 1000;
}

bool daemon_running(const Snapshot& s) { return s.daemon && daemon::heartbeat_running(*s.daemon, s.now_ms); }

// Paused for longer than --paused-unhealthy-after: a pause someone forgot.
std::optional<std::string> judge_pause(const Snapshot& s) {
  if (!s.paused || s.now_ms - s.paused->paused_at <= s.paused_unhealthy_after.count()) return std::nullopt;
  return "submissions paused by " + s.paused->paused_by + " since " + format_utc_ms(s.paused->paused_at) +
         ", longer than " + config::format_duration(s.paused_unhealthy_after) +
         (s.paused->reason.empty() ? "" : " (" + s.paused->reason + ")");
}

// Unhealthy: work has waited longer than --unhealthy-after (a queued intent that old, or a poll overdue by that
// much) and no API call succeeded within it. A fresh batch on an idle daemon is not a problem yet.
// Also unhealthy: a running daemon (fresh heartbeat) reports a problem it knows of (a database failure, the partner
// unreachable, credentials rejected), or submissions have been paused longer than --paused-unhealthy-after.
std::optional<std::string> judge(const Snapshot& s) {
  if (auto pause = judge_pause(s)) return pause;
  if (daemon_running(s) && s.daemon->problem) {
    return "the daemon reports: " + *s.daemon->problem;
  }
  const std::int64_t limit = s.unhealthy_after.count();
  const auto& f = s.figures;
  const bool stale = !f.last_success_at || s.now_ms - *f.last_success_at > limit;
  if (!stale) return std::nullopt;
  const std::string since = f.last_success_at ? "no API call succeeded in the last " +
                                                    config::format_duration(s.unhealthy_after)
                                              : std::string("no API call ever succeeded");
  if (f.oldest_queued_at && s.now_ms - *f.oldest_queued_at > limit) {
    return std::to_string(count_of(s, "queued")) + " intents queued, the oldest since " +
           format_utc_ms(*f.oldest_queued_at) + ", and " + since;
  }
  if (f.oldest_poll_due_at && s.now_ms - *f.oldest_poll_due_at > limit) {
    return "polls overdue since " + format_utc_ms(*f.oldest_poll_due_at) + " and " + since;
  }
  return std::nullopt;
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

void print_json(std::ostream& out, const Snapshot& s) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("healthy"); w.Bool(!s.problem);
  w.Key("problem");
  if (s.problem) {
    w.String(s.problem->c_str());
  } else {
    w.Null();
  }
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
  w.Key("daemon");
  if (s.daemon) {
    w.StartObject();
    w.Key("pid"); w.Int64(s.daemon->pid);
    w.Key("version"); w.String(s.daemon->version.c_str());
    write_time(w, "started_at", s.daemon->started_at);
    write_time(w, "last_seen_at", s.daemon->beat_at);
    write_age(w, "last_seen_age_s", age_s(s, s.daemon->beat_at));
    write_time(w, "stopped_at", s.daemon->stopped_at);
    w.Key("rate"); w.Double(s.daemon->rate);
    w.Key("margin_ms"); w.Double(static_cast<double>(s.daemon->margin_us) / 1000.0);
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

void print_text(std::ostream& out, const Snapshot& s) {
  out << "health          " << (s.problem ? "UNHEALTHY: " + *s.problem : std::string("ok")) << "\n";
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
    out << "pid " << s.daemon->pid << ", ";
    if (s.daemon->stopped_at) {
      out << "stopped at " << when(s, s.daemon->stopped_at) << "\n";
    } else {
      out << (daemon_running(s) ? "running, last seen " : "NOT RUNNING, last seen ") << when(s, s.daemon->beat_at)
          << ", rate " << rate << "\n";
    }
  } else {
    out << "never ran on this database\n";
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
                   "awaiting a poll, polls in the last hour, learned median time to payment). Exit 9 when unhealthy: work has waited\n"
                   "longer than --unhealthy-after and no API call succeeded within it, or submissions have been paused\n"
                   "longer than --paused-unhealthy-after.");
  parser.option("format", "F", "text (default), json (one object) or prometheus (metrics for node_exporter)",
                {"text", "json", "prometheus"})
      .option("unhealthy-after", "D", "how long work may wait without a successful API call (default 15m)")
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
  s.unhealthy_after = std::chrono::minutes(15);
  s.paused_unhealthy_after = std::chrono::hours(1);
  for (auto [name, into] : {std::pair{"unhealthy-after", &s.unhealthy_after},
                            std::pair{"paused-unhealthy-after", &s.paused_unhealthy_after}}) {
    if (Status read = read_duration(parser, name, *into); !read) return fail(ctx.err, read);
  }
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  s.now_ms = to_unix_ms(std::chrono::system_clock::now());
  auto by_state = store::QueueStats(**db).count_by_state();
  if (!by_state) return fail(ctx.err, by_state.status());
  auto figures = store::HealthQueries(**db).figures(s.now_ms - kHourMs);
  if (!figures) return fail(ctx.err, figures.status());
  auto heartbeat = store::HeartbeatStore(**db).read();
  if (!heartbeat) return fail(ctx.err, heartbeat.status());
  s.daemon = std::move(heartbeat).value();
  auto paused = store::PauseStore(**db).read();
  if (!paused) return fail(ctx.err, paused.status());
  s.paused = std::move(paused).value();
  store::SettleHistory history(**db);
  auto load = history.load(s.now_ms);
  if (!load) return fail(ctx.err, load.status());
  s.polls = *load;
  auto curve = worker::learn_curve(history);
  if (!curve) return fail(ctx.err, curve.status());
  s.median_to_payment_ms = curve->median_time_to_payment_ms();
  s.settlements_learned = curve->events();
  s.by_state = std::move(by_state).value();
  s.figures = std::move(figures).value();
  s.problem = judge(s);
  if (format == "prometheus") {
    if (Status printed = print_status_prometheus(ctx.out, **db, s.now_ms, s.daemon, !s.problem); !printed) {
      return fail(ctx.err, printed);
    }
  } else if (format == "json") {
    print_json(ctx.out, s);
  } else {
    print_text(ctx.out, s);
  }
  return s.problem ? kExitUnhealthy : kExitOk;
}

}  // namespace payq::cli
