// cli/dispatch.h — turns argv into GlobalOptions + a subcommand and runs it; prints the top-level help.
// main() is only this call, so the whole CLI is testable in-process with string streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace payq::cli {

int dispatch(const std::vector<std::string>& argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace payq::cli
