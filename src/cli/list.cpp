// cli/list.cpp — `payq list [--state S] [--batch B] [--format table|json|csv]`: streams matching intents.
// JSON and CSV carry the contract fields of docs/design.md §5; the table is for people.
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"

namespace payq::cli {

int run_list(CommandContext& ctx) {
  ArgParser parser("payq list [--state S] [--batch B] [--format table|json|csv]",
                   "List intents in the order they were stored.");
  parser.option("state", "S", "queued, submitting, submitted, settled, failed, on_hold or cancelled")
      .option("batch", "B", "only intents tagged with this batch")
      .option("format", "F", "table (default), json or csv");
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const auto format = parse_output_format(parser.value("format").value_or("table"));
  if (!format) return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be table, json or csv"});
  const auto state = parser.value("state");
  if (state && !store::is_known_state(*state)) {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--state '" + *state + "' is not a state (queued, submitting, "
                                                        "submitted, settled, failed, on_hold, cancelled)"});
  }
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  auto writer = make_intent_list_writer(*format, ctx.out);
  const Status listed = store::IntentReader(**db).for_each({state, parser.value("batch")},
                                                           [&](const store::IntentRecord& r) {
                                                             writer->row(r);
                                                             return true;
                                                           });
  if (!listed) return fail(ctx.err, listed);
  writer->finish();
  return kExitOk;
}

}  // namespace payq::cli
