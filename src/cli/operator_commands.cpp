// cli/operator_commands.cpp — `payq cancel`, `payq requeue`, `payq resolve`: a person's decisions, each one
// guarded UPDATE recorded as a transition (observed_by "operator", with the reason given).
#include <chrono>
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "common/clock.h"
#include "store/operator_actions.h"

namespace payq::cli {
namespace {

std::int64_t now_ms() { return to_unix_ms(std::chrono::system_clock::now()); }

// Parses REF [--reason] (+ extra options), opens the database and applies `action`.
template <typename Action>
int run_operator_action(CommandContext& ctx, ArgParser& parser, const char* done, Action action) {
  parser.positional("REF", "the intent's reference_id").option("reason", "TEXT", "why, recorded with the transition");
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  auto db = open_command_database(ctx.global, /*create=*/false);
  if (!db) return fail(ctx.err, db.status());
  const std::string reference = *parser.positional_value("REF");
  store::OperatorActions actions(**db);
  if (Status s = action(actions, reference, parser.value("reason").value_or("by operator")); !s) return fail(ctx.err, s);
  ctx.out << reference << ": " << done << "\n";
  return kExitOk;
}

}  // namespace

int run_cancel(CommandContext& ctx) {
  ArgParser parser("payq cancel REF [--reason TEXT]", "Cancel an intent that has not been submitted yet (state queued).");
  return run_operator_action(ctx, parser, "cancelled", [](store::OperatorActions& a, const std::string& ref,
                                                          const std::string& reason) {
    return a.cancel(ref, reason, now_ms());
  });
}

int run_requeue(CommandContext& ctx) {
  ArgParser parser("payq requeue REF [--reason TEXT]",
                   "Queue a failed or on_hold intent again, due now, with a fresh attempt budget. For an ambiguous\n"
                   "intent, check the partner first: a request may already exist (then use payq resolve).");
  return run_operator_action(ctx, parser, "queued", [](store::OperatorActions& a, const std::string& ref,
                                                       const std::string& reason) {
    return a.requeue(ref, reason, now_ms());
  });
}

int run_resolve(CommandContext& ctx) {
  ArgParser parser("payq resolve REF --remote-id ID [--reason TEXT]",
                   "Attach the payment request a person found at the partner to an on_hold intent; the daemon\n"
                   "then polls it like any other.");
  parser.option("remote-id", "ID", "the partner's payment request id");
  std::optional<std::string> remote_id;
  return run_operator_action(ctx, parser, "submitted", [&](store::OperatorActions& a, const std::string& ref,
                                                           const std::string& reason) {
    remote_id = parser.value("remote-id");
    if (!remote_id || remote_id->empty()) return Status{StatusCode::kInvalidArgument, "--remote-id is required"};
    return a.resolve(ref, *remote_id, reason, now_ms());
  });
}

}  // namespace payq::cli
