// cli/dispatch.cpp — global options (cli/global_options.h), `help`, and dispatch through the command table.
// Global options may come before or after the subcommand name; any other option before it is unknown.
#include "cli/dispatch.h"

#include <ostream>
#include <string_view>

#include "cli/command_table.h"
#include "cli/exit_codes.h"
#include "cli/global_options.h"
#include "cli/manual.h"

namespace payq::cli {
namespace {

void print_usage(std::ostream& out) {
  out << "usage: payq [--config PATH] [--db PATH] COMMAND [ARGS]\n"
         "       payq help [COMMAND] | --help | --version\n\n"
         "payq turns payment intents stored in SQLite into payment requests at the partner API.\n\n"
         "commands:\n";
  for (const auto& c : command_table()) {
    out << "  " << c.name << std::string(16 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\nglobal options:\n";
  for (const auto& g : kGlobalOptions) {
    const std::string left = "--" + std::string(g.name) + (g.value_name.empty() ? "" : " " + std::string(g.value_name));
    out << "  " << left << std::string(left.size() < 16 ? 16 - left.size() : 1, ' ') << g.help << "\n";
  }
  out << "\n`payq help COMMAND` or `payq COMMAND --help` describes each command; `man payq` all of them.\n";
}

// Pulls a global option with a value (--config/--db, either spelling) out of argv at i.
bool take_global_option(const std::vector<std::string>& argv, std::size_t& i, GlobalOptions& global,
                        std::ostream& err, bool& failed) {
  const std::string& arg = argv[i];
  for (auto [name, target] : {std::pair{std::string_view("--config"), &global.config_path},
                              std::pair{std::string_view("--db"), &global.db_path}}) {
    if (arg == name) {
      if (i + 1 >= argv.size()) {
        err << "payq: " << name << " needs a path\n";
        failed = true;
        return true;
      }
      *target = argv[++i];
      return true;
    }
    if (arg.starts_with(std::string(name) + "=")) {
      *target = arg.substr(name.size() + 1);
      return true;
    }
  }
  return false;
}

// `payq help [COMMAND]`: the command's own help, or the overview.
int print_help(const std::vector<std::string>& rest, std::ostream& out, std::ostream& err) {
  if (rest.empty()) {
    print_usage(out);
    return kExitOk;
  }
  const CommandEntry* command = find_command(rest.front());
  if (command == nullptr) {
    err << "payq: unknown command '" << rest.front() << "'\n\n";
    print_usage(err);
    return kExitUsage;
  }
  out << command->parser().help();
  return kExitOk;
}

}  // namespace

int dispatch(const std::vector<std::string>& argv, std::istream& in, std::ostream& out, std::ostream& err) {
  GlobalOptions global;
  std::string command;
  std::vector<std::string> rest;
  bool failed = false;
  bool options_ended = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (!options_ended && argv[i] == "--") options_ended = true;
    if (!options_ended && take_global_option(argv, i, global, err, failed)) {
      if (failed) return kExitUsage;
      continue;
    }
    if (command.empty()) {
      command = argv[i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (command.empty() || command == "--help" || command == "-h") {
    print_usage(command.empty() ? err : out);
    return command.empty() ? kExitUsage : kExitOk;
  }
  if (command == "help") return print_help(rest, out, err);
  if (command == "--version") {
    out << "payq " << PAYQ_VERSION << "\n";
    return kExitOk;
  }
  if (command == kManualCommand) return print_manual(rest, out, err);
  if (command.starts_with("-") && command != "-") {
    err << "payq: unknown option '" << command << "'\n\n";
    print_usage(err);
    return kExitUsage;
  }
  if (const CommandEntry* entry = find_command(command)) {
    CommandContext ctx{global, rest, in, out, err};
    return entry->run(ctx);
  }
  err << "payq: unknown command '" << command << "'\n\n";
  print_usage(err);
  return kExitUsage;
}

}  // namespace payq::cli
