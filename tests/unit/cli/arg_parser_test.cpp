// cli/arg_parser_test.cpp — the parser's declaration is readable without parsing (the man page and completion use
// it), unknown options are named as options, and --help lists the global options.
#include <doctest/doctest.h>

#include "cli/arg_parser.h"
#include "cli/command_table.h"

using payq::cli::ArgParser;

namespace {

ArgParser sample() {
  ArgParser parser("payq sample FILE [--format F] [--quiet]", "A sample command.");
  parser.positional("FILE", "input file").option("format", "F", "text or json", {"text", "json"}).flag("quiet", "hush");
  return parser;
}

}  // namespace

TEST_CASE("the declaration is readable without parsing") {
  const ArgParser parser = sample();
  REQUIRE(parser.options().size() == 2);
  CHECK(parser.options()[0].name == "format");
  CHECK(parser.options()[0].value_name == "F");
  CHECK(parser.options()[0].choices == std::vector<std::string>{"text", "json"});
  CHECK(parser.options()[1].value_name.empty());
  REQUIRE(parser.positionals().size() == 1);
  CHECK(parser.positionals()[0].name == "FILE");
}

TEST_CASE("an unknown option is reported as an option, quoted") {
  ArgParser parser = sample();
  const auto status = parser.parse({"in.csv", "--bogus"});
  CHECK(status.code() == payq::StatusCode::kInvalidArgument);
  CHECK(status.message() == "unknown option '--bogus'");
}

TEST_CASE("values come as --name value or --name=value, the last one winning") {
  ArgParser parser = sample();
  REQUIRE(parser.parse({"--format", "text", "in.csv", "--format=json", "--quiet"}).is_ok());
  CHECK(*parser.value("format") == "json");
  CHECK(parser.flag_set("quiet"));
  CHECK(*parser.positional_value("FILE") == "in.csv");
}

TEST_CASE("--help lists the command's options, then --config, --db and --help, but not --version") {
  const std::string help = sample().help();
  const auto global = help.find("global options:");
  REQUIRE(global != std::string::npos);
  CHECK(help.find("--format F") < global);
  CHECK(help.find("--config PATH", global) != std::string::npos);
  CHECK(help.find("--db DB", global) != std::string::npos);
  CHECK(help.find("--help", global) != std::string::npos);
  CHECK(help.find("--version") == std::string::npos);
}

TEST_CASE("every command of the table declares a usage naming it and a summary") {
  for (const auto& command : payq::cli::command_table()) {
    CAPTURE(command.name);
    const ArgParser parser = command.parser();
    CHECK(parser.usage().starts_with("payq " + std::string(command.name)));
    CHECK_FALSE(parser.summary().empty());
    CHECK(payq::cli::find_command(command.name) == &command);
  }
  CHECK(payq::cli::find_command("frobnicate") == nullptr);
}
