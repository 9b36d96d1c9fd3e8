// cli/command_support.cpp — config discovery and database opening for subcommands.
// Commands that need no API settings work with --db alone when no config file exists.
#include "cli/command_support.h"

#include <filesystem>
#include <ostream>

#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "config/loader.h"
#include "store/open_store.h"
#include "store/intent_reader.h"

namespace payq::cli {

Result<config::Config> load_command_config(const GlobalOptions& global) {
  const auto env = config::process_env();
  const std::string path = config::config_path(global.config_path, env);
  const auto env_path = env(config::kConfigPathEnv);
  const bool explicit_path = global.config_path.has_value() || (env_path && !env_path->empty());
  std::error_code ec;
  config::Config result;
  if (explicit_path || std::filesystem::exists(path, ec)) {
    auto loaded = config::load_config_file(path, env, config::Secrets::kIgnore);
    if (!loaded) return loaded.status();
    result = std::move(loaded).value();
  }
  apply_db_override(result, global);
  return result;
}

void apply_db_override(config::Config& config, const GlobalOptions& global) {
  if (!global.db_path) return;
  if (store::is_database_url(*global.db_path)) {
    config.database.url = *global.db_path;
  } else {
    config.database.path = *global.db_path;
    config.database.url.clear();
  }
}

namespace {

// Where and how the config says to open the database.
store::OpenOptions open_options(const config::Config& config, bool create) {
  return {.location = config.database.location(),
          .busy_timeout = config.database.busy_timeout,
          .create_if_missing = create,
          .migrate = true,
          .password_file = config.database.password_file};
}

}  // namespace

Result<std::unique_ptr<store::Connection>> open_command_database(const GlobalOptions& global, bool create) {
  auto config = load_command_config(global);
  if (!config) return config.status();
  return store::open_store(open_options(*config, create));
}

Result<std::unique_ptr<store::Connection>> open_read_database(const GlobalOptions& global) {
  auto config = load_command_config(global);
  if (!config) return config.status();
  return store::open_store_read_only(open_options(*config, /*create=*/false));
}

Result<std::unique_ptr<store::Connection>> open_read_database(const CommandContext& ctx) {
  auto db = open_read_database(ctx.global);
  if (db && (*db)->is_snapshot()) {
    ctx.err << "payq: reading a snapshot: no daemon is running (no -wal file) and this user may not create the "
               "-shm file beside the database; later changes are not shown\n";
  }
  return db;
}

std::vector<std::string> intent_state_choices() {
  return {store::kIntentStates.begin(), store::kIntentStates.end()};
}

int fail(std::ostream& err, const Status& status) {
  err << "payq: " << terminal_safe(status.message(), /*keep_newlines=*/true) << "\n";  // messages quote input
  return exit_code_for(status);
}

}  // namespace payq::cli
