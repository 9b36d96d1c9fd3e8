// cli/command_support.h — what many subcommands share: finding the config (explicit, $PAYQ_CONFIG or the
// default file, which may be absent), opening the database it names (read-write, or read-only for the read
// commands), and reporting a Status as an exit code.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "config/config.h"
#include "payq/status.h"
#include "store/connection.h"

namespace payq::cli {

// --db: a database URL replaces database.url, anything else is an SQLite file that replaces database.path (and
// any URL the config named).
void apply_db_override(config::Config& config, const GlobalOptions& global);

// The config for a command: the file given by --config or $PAYQ_CONFIG must exist; the default file
// is optional (defaults apply when it is absent). A file that exists but is invalid is always an error.
// --db overrides database.path. The client secret is not read: these commands never call the API.
Result<config::Config> load_command_config(const GlobalOptions& global);

// Opens the database of the command's config for writing; `create` also creates and migrates a missing file.
Result<std::unique_ptr<store::Connection>> open_command_database(const GlobalOptions& global, bool create);

// For the read commands (list, show, report, status, wait): read-only, never migrated, never waiting for a
// writer. When it has to read a snapshot of the file (an SQLite file nobody has open), says so once on ctx.err.
Result<std::unique_ptr<store::Connection>> open_read_database(const CommandContext& ctx);
// The same without the note (wait re-opens a snapshot on every poll to see a daemon that started since).
Result<std::unique_ptr<store::Connection>> open_read_database(const GlobalOptions& global);

// The local states (store::kIntentStates), as the values shell completion offers for --state.
std::vector<std::string> intent_state_choices();

// Prints "payq: <message>" and returns the exit code that status maps to.
int fail(std::ostream& err, const Status& status);

}  // namespace payq::cli
