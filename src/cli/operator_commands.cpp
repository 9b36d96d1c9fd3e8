// cli/operator_commands.cpp — `payq cancel` and `payq requeue`: a person's decisions over one intent or a selection
// (REF, stdin, --batch/--state), each intent judged and written on its own, guarded by the state it was seen in,
// and recorded as a transition with who and why. `payq resolve` is cli/resolve.cpp.
#include <chrono>
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "cli/operator_report.h"
#include "cli/operator_selection.h"
#include "common/clock.h"
#include "config/loader.h"
#include "store/operator_actions.h"

namespace payq::cli {
namespace {

std::int64_t now_ms() { return to_unix_ms(std::chrono::system_clock::now()); }

// cancel / requeue over the selection: each intent judged and written on its own, reported as it goes.
int run_bulk_action(CommandContext& ctx, ArgParser parser, store::OperatorAction action) {
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string format = parser.value("format").value_or("text");
  if (format != "text" && format != "json") {
    return fail(ctx.err, {StatusCode::kInvalidArgument, "--format: '" + format + "' is not text or json"});
  }
  auto selection = read_selection(parser, ctx.in);
  if (!selection) return fail(ctx.err, selection.status());
  auto actor = read_actor(parser, config::process_env());
  if (!actor) return fail(ctx.err, actor.status());
  auto db = open_command_database(ctx.global, /*create=*/false);
  if (!db) return fail(ctx.err, db.status());
  store::OperatorActions& actions = (*db)->operator_actions();
  const store::ActionOptions options{.force = parser.flag_set("force"), .dry_run = parser.flag_set("dry-run")};
  OperatorReport report(action, *actor, options.dry_run, format == "json" ? OutputFormat::kJson : OutputFormat::kTable,
                        ctx.out, ctx.err);
  if (selection->filter) {
    auto targets = actions.select(*selection->filter);
    if (!targets) return fail(ctx.err, targets.status());
    if (targets->empty()) {
      return fail(ctx.err, {StatusCode::kNotFound, "no intent matches " + selection->describe()});
    }
    for (const auto& target : *targets) report.add(actions.apply(action, target, *actor, now_ms(), options));
  } else {
    for (const auto& reference : selection->references) {
      report.add(actions.apply(action, reference, *actor, now_ms(), options));
    }
  }
  report.finish();
  return report.exit_code();
}

// The options cancel and requeue share, after their own.
ArgParser with_bulk_options(ArgParser parser) {
  declare_selection_options(parser);
  parser.flag("dry-run", "say what would happen to each intent; change nothing")
      .option("format", "F", "text (default) or json: one object with every intent's result", {"text", "json"});
  return parser;
}

}  // namespace

ArgParser cancel_parser() {
  ArgParser parser("payq cancel REF|-|--batch B|--state S [--force] [--dry-run] [--by NAME] [--reason TEXT] "
                   "[--format text|json]",
                   "Cancel intents that have no payment request: queued ones before submission, and failed or\n"
                   "on_hold ones a person gives up on (a final state, with the reason). One that may have a request\n"
                   "at the partner (an ambiguous attempt, or a remote id) needs --force. Cancelling a cancelled\n"
                   "intent does nothing and succeeds. Exit 13: an intent's state does not allow it.");
  parser.flag("force", "cancel even when a payment request may exist at the partner (recorded with the transition)");
  return with_bulk_options(std::move(parser));
}

int run_cancel(CommandContext& ctx) {
  return run_bulk_action(ctx, cancel_parser(), store::OperatorAction::kCancel);
}

ArgParser requeue_parser() {
  return with_bulk_options(ArgParser("payq requeue REF|-|--batch B|--state S [--dry-run] [--by NAME] [--reason TEXT] "
                                     "[--format text|json]",
                   "Queue failed or on_hold intents again, due now, with a fresh attempt budget. For an ambiguous\n"
                   "intent, check the partner first: a request may already exist (then use payq resolve).\n"
                   "Exit 13: an intent's state does not allow it."));
}

int run_requeue(CommandContext& ctx) {
  return run_bulk_action(ctx, requeue_parser(), store::OperatorAction::kRequeue);
}

}  // namespace payq::cli
