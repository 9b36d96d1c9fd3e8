// cli/pause.cpp — `payq pause [--reason T] [--by NAME]` / `payq resume [--reason T] [--by NAME]`: store or end the
// operator's pause of new submissions (store/pause_store.h); the running daemon notices within a second.
#include <chrono>
#include <ostream>
#include <string>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/operator_selection.h"
#include "common/clock.h"
#include "common/time_format.h"
#include "config/loader.h"
#include "store/pause_store.h"

namespace payq::cli {
namespace {

std::string describe(const store::PauseState& state) {
  std::string text = "paused by " + state.paused_by + " since " + format_utc_ms(state.paused_at);
  if (!state.reason.empty()) text += " (" + state.reason + ")";
  return text;
}

// The options pause and resume share.
ArgParser with_audit_options(ArgParser parser) {
  parser.option("reason", "TEXT", "why, recorded in the audit (pause_events)")
      .option("by", "NAME", "who, recorded in the audit (default $SUDO_USER, else $USER, else the account name)");
  return parser;
}

// Parses the shared options, opens the database and applies `change` (PauseStore::pause or ::resume).
template <typename Change>
int run_pause_change(CommandContext& ctx, ArgParser parser, Change change) {
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  // The same actor rule as the other operator actions (--by, $SUDO_USER, $USER, the account name; checked).
  auto actor = read_actor(parser, config::process_env());
  if (!actor) return fail(ctx.err, actor.status());
  auto db = open_command_database(ctx.global, /*create=*/false);
  if (!db) return fail(ctx.err, db.status());
  store::PauseStore& pauses = (*db)->pause();
  const std::int64_t now = to_unix_ms(std::chrono::system_clock::now());
  auto result = change(pauses, actor->by, actor->reason, now);
  if (!result) return fail(ctx.err, result.status());
  return kExitOk;
}

}  // namespace

ArgParser pause_parser() {
  return with_audit_options(ArgParser("payq pause [--reason T] [--by NAME]",
                   "Stop claiming new intents: a running daemon notices within a second, calls in flight finish,\n"
                   "polls go on. Stored in the database (a restarted daemon stays paused) and shown by `payq status`.\n"
                   "Already paused: nothing changes (exit 0)."));
}

int run_pause(CommandContext& ctx) {
  return run_pause_change(ctx, pause_parser(), [&](store::PauseStore& pauses, const std::string& by,
                                                   const std::string& reason,
                                                   std::int64_t now) -> Result<store::PauseChange> {
    auto change = pauses.pause(by, reason, now);
    if (!change) return change;
    if (change->changed) {
      ctx.out << "submissions paused by " << by << (reason.empty() ? "" : " (" + reason + ")")
              << ": the daemon claims nothing new; polls go on\n";
    } else {
      ctx.out << "already " << describe(*change->before) << "; nothing changed\n";
    }
    return change;
  });
}

ArgParser resume_parser() {
  return with_audit_options(ArgParser("payq resume [--reason T] [--by NAME]",
                   "End the pause of `payq pause`: a running daemon claims again within a second.\n"
                   "Not paused: nothing changes (exit 0)."));
}

int run_resume(CommandContext& ctx) {
  return run_pause_change(ctx, resume_parser(), [&](store::PauseStore& pauses, const std::string& by,
                                                    const std::string& reason,
                                                    std::int64_t now) -> Result<store::PauseChange> {
    auto change = pauses.resume(by, reason, now);
    if (!change) return change;
    if (change->changed) {
      ctx.out << "submissions resumed by " << by << " (were " << describe(*change->before) << ")\n";
    } else {
      ctx.out << "not paused; nothing changed\n";
    }
    return change;
  });
}

}  // namespace payq::cli
