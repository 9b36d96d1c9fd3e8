// cli/check_config.cpp — `payq check-config`: load the config (--config, $PAYQ_CONFIG or the default path),
// apply --db, print the effective values with the secret masked, and say whether the daemon can use it.
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::cli {

int run_check_config(CommandContext& ctx) {
  ArgParser parser("payq check-config",
                   "Validate the configuration and print the effective values, secrets masked. Exit 0 when the "
                   "daemon can run with it, 3 when it is invalid or incomplete.");
  if (std::optional<int> code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;

  const config::EnvLookup env = config::process_env();
  const std::string path = config::config_path(ctx.global.config_path, env);
  Result<config::Config> loaded = config::load_config_file(path, env);
  if (!loaded) {
    ctx.err << "payq check-config: " << loaded.status().message() << "\n";
    return kExitConfig;
  }
  config::Config& config = loaded.value();
  if (ctx.global.db_path) {
    if (ctx.global.db_path->empty()) {
      ctx.err << "payq check-config: --db: must not be empty\n";
      return kExitUsage;
    }
    config.database.path = *ctx.global.db_path;
  }

  ctx.out << "# effective configuration of " << path << " (secrets masked)\n"
          << config::render_effective_config(config);
  if (Status usable = config::validate_for_api(config); !usable) {
    ctx.err << "payq check-config: " << path << ": valid, but not usable by the daemon: " << usable.message() << "\n";
    return kExitConfig;
  }
  ctx.out << "# OK: valid and usable by the daemon\n";
  return kExitOk;
}

}  // namespace payq::cli
