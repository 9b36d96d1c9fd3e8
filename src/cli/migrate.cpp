// cli/migrate.cpp — `payq migrate`: create the database or bring its schema up to date, and say what ran.
// Opening the database already migrates; this command makes it explicit and reports the version.
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "store/open_store.h"

namespace payq::cli {

ArgParser migrate_parser() {
  return ArgParser("payq migrate", "Create the database, or apply the migrations it lacks (idempotent).");
}

int run_migrate(CommandContext& ctx) {
  ArgParser parser = migrate_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  auto config = load_command_config(ctx.global);
  if (!config) return fail(ctx.err, config.status());
  auto db = store::open_store({.location = config->database.location(),
                               .busy_timeout = config->database.busy_timeout,
                               .create_if_missing = true,
                               .migrate = false,
                               .password_file = config->database.password_file});
  if (!db) return fail(ctx.err, db.status());
  auto report = (*db)->migrate();
  if (!report) return fail(ctx.err, report.status());
  for (const auto& name : report->applied) ctx.out << "applied " << name << "\n";
  ctx.out << store::display_location(config->database.location()) << ": schema version " << report->version
          << (report->applied.empty() ? " (up to date)" : "") << "\n";
  return kExitOk;
}

}  // namespace payq::cli
