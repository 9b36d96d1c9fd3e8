// cli/global_options.h — the options payq takes before or after any command (--config, --db) and the
// top-level ones (--help, --version): one table read by the dispatcher, every --help, the man page and completion.
#pragma once

#include <array>
#include <string_view>

namespace payq::cli {

struct GlobalOptionSpec {
  std::string_view name;        // without the leading "--"
  std::string_view value_name;  // empty for a flag
  std::string_view help;
  bool per_command;             // also listed in `payq COMMAND --help` (not --version)
};

inline constexpr std::array kGlobalOptions = {
    GlobalOptionSpec{"config", "PATH", "config file (default $PAYQ_CONFIG, else /etc/payq/payq.yaml)", true},
    GlobalOptionSpec{"db", "DB", "SQLite file or postgresql:// URL, overrides database.path/url", true},
    GlobalOptionSpec{"help", "", "show this help (also -h)", true},
    GlobalOptionSpec{"version", "", "print payq's version and exit", false},
};

}  // namespace payq::cli
