// cli/list.cpp — `payq list [--state S] [--batch B] [--remote-status S] [--since T] [--until T] [--limit N]
// [--format table|json|csv]`: streams matching intents, every filter applied by the store's query.
#include <charconv>
#include <chrono>
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "cli/time_argument.h"
#include "common/clock.h"

namespace payq::cli {
namespace {

constexpr std::size_t kMaxRemoteStatusLength = 32;

Status read_limit(const std::string& text, std::optional<std::int64_t>& into) {
  std::int64_t n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || n < 1) {
    return {StatusCode::kInvalidArgument, "--limit: '" + text + "' is not a whole number of at least 1"};
  }
  into = n;
  return Status::ok();
}

// The partner's statuses are its own vocabulary (pending, paid, expired, cancelled today), so any lower-case word
// is accepted; "none" selects intents without one.
Status read_remote_status(const std::string& text, store::ListQuery& query) {
  const bool word = !text.empty() && text.size() <= kMaxRemoteStatusLength &&
                    text.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
  if (!word) {
    return {StatusCode::kInvalidArgument, "--remote-status: '" + text + "' is not a partner status (pending, paid, "
                                          "expired, cancelled; none: no payment request yet)"};
  }
  if (text == "none") {
    query.without_remote_status = true;
  } else {
    query.remote_status = text;
  }
  return Status::ok();
}

Result<store::ListQuery> query_from(const ArgParser& parser) {
  store::ListQuery query;
  query.filter = {parser.value("state"), parser.value("batch")};
  if (query.filter.state && !store::is_known_state(*query.filter.state)) {
    return Status{StatusCode::kInvalidArgument, "--state '" + *query.filter.state + "' is not a state (queued, "
                                                "submitting, submitted, settled, failed, on_hold, cancelled)"};
  }
  if (auto status = parser.value("remote-status")) {
    if (Status read = read_remote_status(*status, query); !read) return read;
  }
  const std::int64_t now_ms = to_unix_ms(std::chrono::system_clock::now());
  for (const TimeBound bound : {TimeBound::kSince, TimeBound::kUntil}) {
    const char* name = bound == TimeBound::kSince ? "since" : "until";
    const auto text = parser.value(name);
    if (!text) continue;
    auto ms = parse_time_argument(*text, bound, now_ms);
    if (!ms) return Status{ms.status().code(), "--" + std::string(name) + ": " + ms.status().message()};
    (bound == TimeBound::kSince ? query.since_ms : query.until_ms) = *ms;
  }
  if (query.since_ms && query.until_ms && *query.since_ms > *query.until_ms) {
    return Status{StatusCode::kInvalidArgument, "--since is later than --until"};
  }
  if (auto limit = parser.value("limit")) {
    if (Status read = read_limit(*limit, query.limit); !read) return read;
  }
  return query;
}

}  // namespace

ArgParser list_parser() {
  ArgParser parser("payq list [--state S] [--batch B] [--remote-status S] [--since T] [--until T] [--limit N] "
                   "[--format table|json|csv]",
                   "List intents in the order they were stored, oldest first. T is a UTC date (2026-11-01;\n"
                   "--until includes the whole day), an ISO 8601 time (2026-11-01T08:30:00Z) or an age (24h, 7d:\n"
                   "that long before now), compared with the time the intent was stored.");
  parser.option("state", "S", "queued, submitting, submitted, settled, failed, on_hold or cancelled",
                intent_state_choices())
      .option("batch", "B", "only intents tagged with this batch")
      .option("remote-status", "S", "the partner's status: pending, paid, expired, cancelled; none: not yet known",
              {"pending", "paid", "expired", "cancelled", "none"})
      .option("since", "T", "only intents stored at or after T")
      .option("until", "T", "only intents stored at or before T")
      .option("limit", "N", "at most N intents (the oldest N that match)")
      .option("format", "F", "table (default), json or csv", {"table", "json", "csv"});
  return parser;
}

int run_list(CommandContext& ctx) {
  ArgParser parser = list_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const auto format = parse_output_format(parser.value("format").value_or("table"));
  if (!format) return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be table, json or csv"});
  const auto query = query_from(parser);
  if (!query) return fail(ctx.err, query.status());
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  auto writer = make_intent_list_writer(*format, ctx.out);
  const Status listed = (*db)->intent_reader().for_each(*query, [&](const store::IntentRecord& r) {
    writer->row(r);
    return true;
  });
  if (!listed) return fail(ctx.err, listed);
  writer->finish();
  return kExitOk;
}

}  // namespace payq::cli
