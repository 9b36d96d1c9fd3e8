// cli/check_config.cpp — `payq check-config`: load the config (--config, $PAYQ_CONFIG or the default path),
// apply --db, print the effective values with the secret masked, and say whether the daemon can use it.
#include <unistd.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "config/loader.h"
#include "config/printer.h"

namespace payq::cli {
namespace {

// Whether the user running this command could create the database and its -wal and -shm files beside it:
// the directory must exist and be writable and searchable. An empty Status when it can, else what is wrong,
// naming the directory.
Status check_database_directory(const std::string& db_path) {
  namespace fs = std::filesystem;
  const fs::path parent = fs::path(db_path).parent_path();
  const fs::path dir = parent.empty() ? fs::path(".") : parent;
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    return Status(StatusCode::kIo, "database.path: directory " + dir.string() +
                           " does not exist (create it, or let systemd's StateDirectory= create it)");
  }
  if (!fs::is_directory(st)) {
    return Status(StatusCode::kIo, "database.path: " + dir.string() + " is not a directory");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Status(StatusCode::kIo, "database.path: directory " + dir.string() +
                           " is not writable by this user (uid " + std::to_string(::getuid()) +
                           "): the database and its -wal and -shm files are created there");
  }
  return {};
}

}  // namespace

ArgParser check_config_parser() {
  return ArgParser("payq check-config",
                   "Validate the configuration and print the effective values, secrets masked. Exit 0 when the "
                   "daemon can run with it, 3 when it is invalid or incomplete, 4 when the database's directory "
                   "is missing or not writable by this user.");
}

int run_check_config(CommandContext& ctx) {
  ArgParser parser = check_config_parser();
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
    apply_db_override(config, ctx.global);
  }

  ctx.out << "# effective configuration of " << path << " (secrets masked)\n"
          << config::render_effective_config(config);
  const Status usable = config::validate_for_api(config);
  if (!usable) {
    ctx.err << "payq check-config: " << path << ": valid, but not usable by the daemon: " << usable.message() << "\n";
  }
  if (!config.database.url.empty()) {  // a server, not a file: nothing here to check before connecting
    if (!usable) return kExitConfig;
    ctx.out << "# OK: valid and usable by the daemon (the database server is not contacted)\n";
    return kExitOk;
  }
  const Status directory = check_database_directory(config.database.path);
  if (!directory) ctx.err << "payq check-config: " << directory.message() << "\n";
  if (!usable) return kExitConfig;
  if (!directory) return kExitDatabase;
  ctx.out << "# OK: valid and usable by the daemon; the database's directory is writable\n";
  return kExitOk;
}

}  // namespace payq::cli
