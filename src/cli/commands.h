// cli/commands.h — per subcommand, its argument declaration (`<cmd>_parser()`, read by the command table without
// running anything) and its entry point, both defined in cli/<name>.cpp. Every run_<cmd> parses with its own parser.
#pragma once

#include "cli/arg_parser.h"
#include "cli/command_context.h"

namespace payq::cli {

ArgParser run_parser();
ArgParser migrate_parser();
ArgParser enqueue_parser();
ArgParser import_parser();
ArgParser list_parser();
ArgParser show_parser();
ArgParser check_config_parser();
ArgParser cancel_parser();
ArgParser requeue_parser();
ArgParser resolve_parser();
ArgParser wait_parser();
ArgParser status_parser();
ArgParser report_parser();
ArgParser pause_parser();
ArgParser resume_parser();

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
