// cli/commands.h — one entry point per subcommand, each defined in cli/<name>.cpp.
// main() dispatches here by name; every command parses its own arguments with cli/arg_parser.h.
#pragma once

#include "cli/command_context.h"

namespace payq::cli {

int run_run(CommandContext& ctx);
int run_migrate(CommandContext& ctx);
int run_enqueue(CommandContext& ctx);
int run_import(CommandContext& ctx);
int run_list(CommandContext& ctx);
int run_show(CommandContext& ctx);
int run_check_config(CommandContext& ctx);
int run_cancel(CommandContext& ctx);
int run_requeue(CommandContext& ctx);
int run_resolve(CommandContext& ctx);
int run_wait(CommandContext& ctx);
int run_status(CommandContext& ctx);
int run_report(CommandContext& ctx);
int run_pause(CommandContext& ctx);
int run_resume(CommandContext& ctx);

}  // namespace payq::cli
