// cli/arg_parser.cpp — parsing and --help rendering for subcommand arguments.
// Options may appear anywhere; `--` ends options; `-` alone is a positional (stdin).
#include "cli/arg_parser.h"

#include <algorithm>
#include <ostream>
#include <sstream>

#include "cli/exit_codes.h"
#include "cli/global_options.h"

namespace payq::cli {

ArgParser::ArgParser(std::string usage, std::string summary) : usage_(std::move(usage)), summary_(std::move(summary)) {}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help,
                             std::vector<std::string> choices) {
  options_.push_back({std::move(name), std::move(value_name), std::move(help), false, std::move(choices)});
  return *this;
}

ArgParser& ArgParser::flag(std::string name, std::string help) {
  options_.push_back({std::move(name), "", std::move(help), false, {}});
  return *this;
}

ArgParser& ArgParser::positional(std::string name, std::string help, bool required) {
  positionals_.push_back({std::move(name), "", std::move(help), required, {}});
  return *this;
}

const ArgSpec* ArgParser::find_option(std::string_view name) const {
  auto it = std::find_if(options_.begin(), options_.end(), [&](const ArgSpec& s) { return s.name == name; });
  return it == options_.end() ? nullptr : &*it;
}

Status ArgParser::parse(const std::vector<std::string>& args) {
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!options_ended && (arg == "--help" || arg == "-h")) {
      help_requested_ = true;
      return Status::ok();
    }
    if (!options_ended && arg == "--") {
      options_ended = true;
      continue;
    }
    if (options_ended || !arg.starts_with("--")) {
      positional_values_.push_back(arg);
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
    const ArgSpec* spec = find_option(name);
    if (spec == nullptr) return {StatusCode::kInvalidArgument, "unknown option '--" + name + "'"};
    if (spec->value_name.empty()) {
      if (equals != std::string::npos) return {StatusCode::kInvalidArgument, "--" + name + " takes no value"};
      values_.emplace_back(name, "");
    } else if (equals != std::string::npos) {
      values_.emplace_back(name, arg.substr(equals + 1));
    } else if (i + 1 < args.size()) {
      values_.emplace_back(name, args[++i]);
    } else {
      return {StatusCode::kInvalidArgument, "--" + name + " needs a value (" + spec->value_name + ")"};
    }
  }
  if (positional_values_.size() > positionals_.size()) {
    return {StatusCode::kInvalidArgument, "unexpected argument '" + positional_values_[positionals_.size()] + "'"};
  }
  for (std::size_t i = positional_values_.size(); i < positionals_.size(); ++i) {
    if (positionals_[i].required) return {StatusCode::kInvalidArgument, "missing " + positionals_[i].name};
  }
  return Status::ok();
}

namespace {

// "  --name VALUE          help", the help aligned at column 24.
void help_line(std::ostream& text, std::string_view left, std::string_view help) {
  text << "  " << left << std::string(left.size() < 22 ? 22 - left.size() : 1, ' ') << help << "\n";
}

std::string option_left(std::string_view name, std::string_view value_name) {
  return "--" + std::string(name) + (value_name.empty() ? "" : " " + std::string(value_name));
}

}  // namespace

std::string ArgParser::help() const {
  std::ostringstream text;
  text << "usage: " << usage_ << "\n\n" << summary_ << "\n";
  if (!positionals_.empty() || !options_.empty()) text << "\n";
  for (const auto& p : positionals_) help_line(text, p.name, p.help);
  for (const auto& o : options_) help_line(text, option_left(o.name, o.value_name), o.help);
  text << "\nglobal options:\n";
  for (const auto& g : kGlobalOptions) {
    if (g.per_command) help_line(text, option_left(g.name, g.value_name), g.help);
  }
  return text.str();
}

std::optional<std::string> ArgParser::value(std::string_view name) const {
  // The last occurrence wins, as with most Unix tools.
  for (auto it = values_.rbegin(); it != values_.rend(); ++it) {
    if (it->first == name) return it->second;
  }
  return std::nullopt;
}

bool ArgParser::flag_set(std::string_view name) const { return value(name).has_value(); }

std::optional<std::string> ArgParser::positional_value(std::string_view name) const {
  for (std::size_t i = 0; i < positionals_.size() && i < positional_values_.size(); ++i) {
    if (positionals_[i].name == name) return positional_values_[i];
  }
  return std::nullopt;
}

std::optional<int> parse_or_exit(ArgParser& parser, const std::vector<std::string>& args, std::ostream& out,
                                 std::ostream& err) {
  const Status status = parser.parse(args);
  if (parser.help_requested()) {
    out << parser.help();
    return kExitOk;
  }
  if (!status) {
    err << "payq: " << status.message() << "\n\n" << parser.help();
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace payq::cli
