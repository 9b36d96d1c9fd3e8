// cli/command_table.cpp — the one list of payq's commands. Adding a command here is all it takes to have it
// dispatched, listed in --help, documented in payq(1) and completed by bash.
#include "cli/command_table.h"

#include <array>

#include "cli/commands.h"

namespace payq::cli {
namespace {

constexpr std::array kCommands = {
    CommandEntry{"run", "the daemon (--until-idle: exit once the queue is drained)", run_parser, run_run},
    CommandEntry{"migrate", "create or upgrade the database", migrate_parser, run_migrate},
    CommandEntry{"enqueue", "store one payment intent", enqueue_parser, run_enqueue},
    CommandEntry{"import", "store many intents from CSV or JSONL, committed in chunks", import_parser, run_import},
    CommandEntry{"list", "list intents (table, json or csv), filtered in the database", list_parser, run_list},
    CommandEntry{"show", "one intent with its transition history", show_parser, run_show},
    CommandEntry{"cancel", "cancel intents without a payment request (REF, -, --batch, --state)", cancel_parser,
                 run_cancel},
    CommandEntry{"requeue", "queue failed or on_hold intents again (REF, -, --batch, --state)", requeue_parser,
                 run_requeue},
    CommandEntry{"resolve", "attach a remote id found at the partner to an on_hold intent", resolve_parser,
                 run_resolve},
    CommandEntry{"wait", "block until every intent of a batch is final", wait_parser, run_wait},
    CommandEntry{"status", "health summary; exit 9 when unhealthy", status_parser, run_status},
    CommandEntry{"report", "totals by currency and outcome, exact amounts", report_parser, run_report},
    CommandEntry{"check-config", "validate the config and print the effective values", check_config_parser,
                 run_check_config},
    CommandEntry{"pause", "stop claiming new intents (polls go on); stored in the database", pause_parser, run_pause},
    CommandEntry{"resume", "claim new intents again after a pause", resume_parser, run_resume},
};

}  // namespace

std::span<const CommandEntry> command_table() { return kCommands; }

const CommandEntry* find_command(std::string_view name) {
  for (const auto& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

}  // namespace payq::cli
