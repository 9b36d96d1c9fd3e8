// cli/arg_parser.h — declares a subcommand's options and positionals, parses `--name value`,
// `--name=value` and flags, and renders its --help. The declaration is also read, without parsing, by the man page
// and the shell completion (cli/manual.h). One parser per command invocation; no global state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payq/status.h"

namespace payq::cli {

// One declared option or positional. A value named FILE or PATH is completed as a file name.
struct ArgSpec {
  std::string name;
  std::string value_name;  // empty for a flag (and for positionals)
  std::string help;
  bool required = false;              // positionals only
  std::vector<std::string> choices;   // the values shell completion offers (the command still validates)
};

class ArgParser {
 public:
  ArgParser(std::string usage, std::string summary);

  ArgParser& option(std::string name, std::string value_name, std::string help,
                    std::vector<std::string> choices = {});
  ArgParser& flag(std::string name, std::string help);
  ArgParser& positional(std::string name, std::string help, bool required = true);

  const std::string& usage() const { return usage_; }
  const std::string& summary() const { return summary_; }
  const std::vector<ArgSpec>& options() const { return options_; }
  const std::vector<ArgSpec>& positionals() const { return positionals_; }

  // kInvalidArgument naming the offending argument ("unknown option '--x'"); --help/-h sets help_requested()
  // and stops.
  Status parse(const std::vector<std::string>& args);

  bool help_requested() const { return help_requested_; }
  // Usage, summary, the command's options, then the global options (cli/global_options.h).
  std::string help() const;
  std::optional<std::string> value(std::string_view name) const;
  bool flag_set(std::string_view name) const;
  std::optional<std::string> positional_value(std::string_view name) const;

 private:
  const ArgSpec* find_option(std::string_view name) const;

  std::string usage_;
  std::string summary_;
  std::vector<ArgSpec> options_;
  std::vector<ArgSpec> positionals_;
  std::vector<std::pair<std::string, std::string>> values_;  // option name -> value ("" for flags)
  std::vector<std::string> positional_values_;
  bool help_requested_ = false;
};

// Parses and handles --help and usage errors uniformly; returns the exit code to stop with, if any.
std::optional<int> parse_or_exit(ArgParser& parser, const std::vector<std::string>& args, std::ostream& out,
                                 std::ostream& err);

}  // namespace payq::cli
