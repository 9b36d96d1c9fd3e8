// cli/command_table.h — the table of subcommands: name, one-line summary, argument declaration and entry point.
// The dispatcher, `payq --help`, the man page and the shell completion all read it, so they cannot drift apart.
#pragma once

#include <span>
#include <string_view>

#include "cli/arg_parser.h"
#include "cli/command_context.h"

namespace payq::cli {

struct CommandEntry {
  std::string_view name;
  std::string_view summary;
  ArgParser (*parser)();            // the declaration only: building it runs nothing
  int (*run)(CommandContext& ctx);  // parses ctx.args with the same declaration, then acts
};

// Every command, in the order `payq --help` and the man page list them.
std::span<const CommandEntry> command_table();

// nullptr when no command has this name.
const CommandEntry* find_command(std::string_view name);

}  // namespace payq::cli
