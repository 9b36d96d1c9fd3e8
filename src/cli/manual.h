// cli/manual.h — payq(1) in roff and the bash completion script, both written from the command table and the
// global options, so neither can drift from the parser. The build runs the hidden `payq __manual` to write them.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace payq::cli {

// Not listed anywhere: `payq __manual roff|bash-completion [FILE]` (FILE, else stdout).
inline constexpr std::string_view kManualCommand = "__manual";

int print_manual(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The whole man page: NAME, SYNOPSIS, DESCRIPTION, COMMANDS, GLOBAL OPTIONS, EXIT STATUS, FILES, ENVIRONMENT,
// SEE ALSO.
void write_roff_manual(std::ostream& out);

// A bash script defining _payq and `complete -F _payq payq`; it needs bash only (not the bash-completion package).
void write_bash_completion(std::ostream& out);

}  // namespace payq::cli
