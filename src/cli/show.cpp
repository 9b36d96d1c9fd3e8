// cli/show.cpp — `payq show REF [--format text|json]`: one intent, every field, and its transition history.
// Exit 5 when no intent has that reference.
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"

namespace payq::cli {

ArgParser show_parser() {
  ArgParser parser("payq show REF [--format text|json]", "Show one intent with its transition history.");
  parser.positional("REF", "the intent's reference_id")
      .option("format", "F", "text (default) or json", {"text", "json"});
  return parser;
}

int run_show(CommandContext& ctx) {
  ArgParser parser = show_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string format = parser.value("format").value_or("text");
  if (format != "text" && format != "json") {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be text or json"});
  }
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  store::IntentReader& reader = (*db)->intent_reader();
  const std::string reference = *parser.positional_value("REF");
  auto intent = reader.find(reference);
  if (!intent) return fail(ctx.err, intent.status());
  if (!intent->has_value())
    return fail(ctx.err, {StatusCode::kNotFound, "no intent with reference_id '" + reference + "'"});
  auto transitions = reader.transitions((*intent)->id);
  if (!transitions) return fail(ctx.err, transitions.status());
  if (format == "json") {
    print_intent_detail_json(ctx.out, **intent, *transitions);
  } else {
    print_intent_detail(ctx.out, **intent, *transitions);
  }
  return kExitOk;
}

}  // namespace payq::cli
