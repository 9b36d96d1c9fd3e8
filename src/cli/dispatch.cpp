// cli/dispatch.cpp — global options (--config, --db) and the table of subcommands.
// Global options may come before or after the subcommand name.
#include "cli/dispatch.h"

#include <array>
#include <ostream>
#include <string_view>

#include "cli/commands.h"
#include "cli/exit_codes.h"

namespace payq::cli {
namespace {

struct CommandEntry {
  std::string_view name;
  int (*run)(CommandContext&);
  std::string_view summary;
};

constexpr std::array kCommands = {
    CommandEntry{"run", run_run, "the daemon (--until-idle: exit once the queue is drained)"},
    CommandEntry{"migrate", run_migrate, "create or upgrade the database"},
    CommandEntry{"enqueue", run_enqueue, "store one payment intent"},
    CommandEntry{"import", run_import, "store many intents from CSV or JSONL, committed in chunks"},
    CommandEntry{"list", run_list, "list intents (table, json or csv)"},
    CommandEntry{"show", run_show, "one intent with its transition history"},
    CommandEntry{"cancel", run_cancel, "cancel intents without a payment request (REF, -, --batch, --state)"},
    CommandEntry{"requeue", run_requeue, "queue failed or on_hold intents again (REF, -, --batch, --state)"},
    CommandEntry{"resolve", run_resolve, "attach a remote id found at the partner to an on_hold intent"},
    CommandEntry{"wait", run_wait, "block until every intent of a batch is final"},
    CommandEntry{"status", run_status, "health summary; exit 9 when unhealthy"},
    CommandEntry{"report", run_report, "totals by currency and outcome, exact amounts"},
    CommandEntry{"check-config", run_check_config, "validate the config and print the effective values"},
    CommandEntry{"pause", run_pause, "stop claiming new intents (polls go on); stored in the database"},
    CommandEntry{"resume", run_resume, "claim new intents again after a pause"},
};

void print_usage(std::ostream& out) {
  out << "usage: payq [--config PATH] [--db PATH] COMMAND [ARGS]\n\n"
         "payq turns payment intents stored in SQLite into payment requests at the partner API.\n\n"
         "commands:\n";
  for (const auto& c : kCommands) {
    out << "  " << c.name << std::string(16 - c.name.size(), ' ') << c.summary << "\n";
  }
  out << "\nglobal options:\n"
         "  --config PATH   config file (default $PAYQ_CONFIG, else /etc/payq/payq.yaml)\n"
         "  --db PATH       database file, overrides database.path\n"
         "\n`payq COMMAND --help` describes each command.\n";
}

// Pulls --config/--db (either spelling) out of argv, wherever they appear before `--`.
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
  if (command.empty() || command == "--help" || command == "-h" || command == "help") {
    print_usage(command.empty() ? err : out);
    return command.empty() ? kExitUsage : kExitOk;
  }
  if (command == "--version") {
    out << "payq " << PAYQ_VERSION << "\n";
    return kExitOk;
  }
  for (const auto& c : kCommands) {
    if (c.name == command) {
      CommandContext ctx{global, rest, in, out, err};
      return c.run(ctx);
    }
  }
  err << "payq: unknown command '" << command << "'\n\n";
  print_usage(err);
  return kExitUsage;
}

}  // namespace payq::cli
