// cli/wait.cpp — `payq wait [--batch B] [--timeout D] [--format text|json]`: polls the database until every matching
// intent is final, showing progress on stderr (an updating line on a terminal, a line per 10 s otherwise); the last
// counts go to stdout as a line or one JSON object, and the exit code says how it ended.
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/arg_parser.h"
#include "cli/json_writer.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "config/duration.h"
#include "store/connection.h"

namespace payq::cli {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kPollEvery = std::chrono::milliseconds(500);
constexpr auto kLogEvery = std::chrono::seconds(10);   // progress lines when stderr is not a terminal
constexpr auto kRateWindow = std::chrono::seconds(30);  // the rate is measured over the recent past only

std::string fixed(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string format_seconds(double seconds) {
  const auto whole = static_cast<long long>(seconds + 0.5);
  if (whole < 120) return std::to_string(whole) + " s";
  if (whole < 7200) return std::to_string(whole / 60) + " m " + std::to_string(whole % 60) + " s";
  return std::to_string(whole / 3600) + " h " + std::to_string(whole / 60 % 60) + " m";
}

// Final intents per second over the last kRateWindow, from the samples the wait loop takes.
class RateMeter {
 public:
  void add(SteadyClock::time_point at, std::int64_t final_count) {
    samples_.push_back({at, final_count});
    while (samples_.size() > 2 && at - samples_[1].at >= kRateWindow) samples_.pop_front();
  }
  double per_second() const {
    if (samples_.size() < 2) return 0;
    const std::chrono::duration<double> span = samples_.back().at - samples_.front().at;
    if (span.count() <= 0) return 0;
    return static_cast<double>(samples_.back().final_count - samples_.front().final_count) / span.count();
  }

 private:
  struct Sample {
    SteadyClock::time_point at;
    std::int64_t final_count;
  };
  std::deque<Sample> samples_;
};

std::string progress_line(const store::BatchCounts& c, double rate) {
  std::string line = "settled " + std::to_string(c.final_count) + "/" + std::to_string(c.total) + ", paid " +
                     std::to_string(c.paid) + ", failed " + std::to_string(c.failed) + ", on hold " +
                     std::to_string(c.on_hold);
  if (c.cancelled > 0) line += ", cancelled " + std::to_string(c.cancelled);
  line += ", " + fixed(rate, 1) + "/s";
  if (rate > 0) line += ", ETA " + format_seconds(static_cast<double>(c.total - c.final_count) / rate);
  return line;
}

std::string outcome_line(const store::BatchCounts& c) {
  return "paid " + std::to_string(c.paid) + ", not paid (expired or cancelled at the partner) " +
         std::to_string(c.unpaid) + ", failed " + std::to_string(c.failed) + ", on hold " +
         std::to_string(c.on_hold) + ", cancelled " + std::to_string(c.cancelled);
}

// The exit codes of `payq wait` (README "Exit codes"):
//   0 (kExitOk)          every matching intent is final and none failed, is on hold or was cancelled locally
//                        (settled but expired/cancelled at the partner still counts: payq did its job);
//   1 (kExitIncomplete)  every matching intent is final, but some failed, are on hold or were cancelled;
//   5 (kExitNotFound)    no intent matches (unknown batch, or an empty database);
//   8 (kExitTimeout)     --timeout passed before every matching intent was final.
int final_exit_code(const store::BatchCounts& c) {
  return c.failed + c.on_hold + c.cancelled == 0 ? kExitOk : kExitIncomplete;
}

struct WaitOptions {
  std::optional<std::string> batch;
  std::optional<SteadyClock::time_point> deadline;
  std::optional<std::string> timeout_text;
  bool terminal = false;
  bool json = false;
};

// --format json: the counts the wait ended on, one object (README "payq wait --format json").
void print_json(std::ostream& out, const WaitOptions& options, const store::BatchCounts& c, bool timed_out,
                int exit_code) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("batch"); write_json_optional(w, options.batch);
  w.Key("final"); w.Bool(c.all_final());
  w.Key("timed_out"); w.Bool(timed_out);
  w.Key("timeout"); write_json_optional(w, options.timeout_text);
  w.Key("exit_code"); w.Int(exit_code);
  w.Key("total"); w.Int64(c.total);
  w.Key("final_count"); w.Int64(c.final_count);
  w.Key("counts");
  w.StartObject();
  const std::int64_t settled = c.paid + c.unpaid;
  const std::array<std::pair<const char*, std::int64_t>, 7> by_state = {{{"queued", c.queued},
                                                                          {"submitting", c.submitting},
                                                                          {"submitted", c.submitted},
                                                                          {"settled", settled},
                                                                          {"failed", c.failed},
                                                                          {"on_hold", c.on_hold},
                                                                          {"cancelled", c.cancelled}}};
  for (const auto& [state, n] : by_state) {
    w.Key(state); w.Int64(n);
  }
  w.EndObject();
  w.Key("settled");
  w.StartObject();
  w.Key("paid"); w.Int64(c.paid);
  w.Key("not_paid"); w.Int64(c.unpaid);
  w.EndObject();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

std::string subject(const WaitOptions& options) {
  return options.batch ? "batch " + *options.batch : std::string("all intents");
}

// The counts as of now. A snapshot (no daemon was running) never changes, so it is opened afresh each time: a
// daemon started meanwhile is then read live.
Result<store::BatchCounts> count_now(CommandContext& ctx, std::unique_ptr<store::Connection>& db,
                                     const WaitOptions& options) {
  if (db->is_snapshot()) {
    auto reopened = open_read_database(ctx.global);
    if (!reopened) return reopened.status();
    db = std::move(reopened).value();
  }
  return db->batch_progress().count(options.batch);
}

int wait_loop(CommandContext& ctx, std::unique_ptr<store::Connection>& db, const WaitOptions& options) {
  RateMeter rate;
  std::optional<SteadyClock::time_point> last_logged;
  const char* clear = options.terminal ? "\r\033[K" : "";
  for (;;) {
    auto counts = count_now(ctx, db, options);
    if (!counts) return fail(ctx.err << clear, counts.status());
    if (counts->total == 0) {
      return fail(ctx.err, {StatusCode::kNotFound, options.batch ? "no intent has batch '" + *options.batch + "'"
                                                                 : std::string("the database holds no intent")});
    }
    const auto now = SteadyClock::now();
    rate.add(now, counts->final_count);
    if (counts->all_final()) {
      ctx.err << clear << std::flush;
      if (options.json) {
        print_json(ctx.out, options, *counts, /*timed_out=*/false, final_exit_code(*counts));
      } else {
        ctx.out << subject(options) << ": all " << counts->total << " intents final: " << outcome_line(*counts)
                << "\n";
      }
      return final_exit_code(*counts);
    }
    if (options.deadline && now >= *options.deadline) {
      ctx.err << clear << std::flush;
      if (options.json) {
        print_json(ctx.out, options, *counts, /*timed_out=*/true, kExitTimeout);
        return kExitTimeout;
      }
      ctx.out << subject(options) << ": gave up after " << *options.timeout_text << " with " << counts->final_count
              << " of " << counts->total << " intents final: " << outcome_line(*counts) << "\n";
      return kExitTimeout;
    }
    if (options.terminal) {
      ctx.err << clear << progress_line(*counts, rate.per_second()) << std::flush;
    } else if (!last_logged || now - *last_logged >= kLogEvery) {
      ctx.err << progress_line(*counts, rate.per_second()) << "\n" << std::flush;
      last_logged = now;
    }
    auto wake = now + kPollEvery;
    if (options.deadline && *options.deadline < wake) wake = *options.deadline;
    std::this_thread::sleep_until(wake);
  }
}

}  // namespace

ArgParser wait_parser() {
  ArgParser parser("payq wait [--batch B] [--timeout D] [--format text|json]",
                   "Block until every intent of the batch (or every intent) is final: settled, failed, on_hold\n"
                   "or cancelled. Shows progress on stderr. Exit 0: all final, none failed, on hold or cancelled;\n"
                   "1: all final, some failed, on hold or cancelled; 5: no intent matches; 8: --timeout passed.");
  parser.option("batch", "B", "only the intents tagged with this batch")
      .option("timeout", "D", "give up after this long (30s, 10m, 2h); default: wait as long as it takes")
      .option("format", "F", "text (default) or json: one object with the counts the wait ended on",
              {"text", "json"});
  return parser;
}

int run_wait(CommandContext& ctx) {
  ArgParser parser = wait_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string format = parser.value("format").value_or("text");
  if (format != "text" && format != "json") {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--format: '" + format + "' is not text or json"});
  }
  WaitOptions options{.batch = parser.value("batch"),
                      .deadline = std::nullopt,
                      .timeout_text = parser.value("timeout"),
                      .terminal = isatty(STDERR_FILENO) == 1,
                      .json = format == "json"};
  if (options.timeout_text) {
    auto timeout = config::parse_duration(*options.timeout_text);
    if (!timeout) return fail(ctx.err, {StatusCode::kInvalidArgument, "--timeout: " + timeout.status().message()});
    options.deadline = SteadyClock::now() + *timeout;
  }
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  return wait_loop(ctx, *db, options);
}

}  // namespace payq::cli
