// cli/command_context.h — what every subcommand receives: the global options, its own arguments and
// the streams it talks to. Commands return an exit code from cli/exit_codes.h and never call exit().
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace payq::cli {

struct GlobalOptions {
  std::optional<std::string> config_path;  // --config, else $PAYQ_CONFIG, else /etc/payq/payq.yaml
  std::optional<std::string> db_path;      // --db, overrides database.path
};

struct CommandContext {
  GlobalOptions global;
  std::vector<std::string> args;  // the arguments after the subcommand name
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

}  // namespace payq::cli
