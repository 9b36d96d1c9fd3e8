// cli/manual.cpp — the hidden `payq __manual` command: picks the generator and the destination. Writing to a
// file (not only stdout) lets the build run it without a shell redirection.
#include "cli/manual.h"

#include <fstream>
#include <ostream>

#include "cli/exit_codes.h"

namespace payq::cli {

int print_manual(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const bool known = !args.empty() && (args[0] == "roff" || args[0] == "bash-completion");
  if (!known || args.size() > 2) {
    err << "payq: usage: payq " << kManualCommand << " roff|bash-completion [FILE]\n";
    return kExitUsage;
  }
  std::ofstream file;
  if (args.size() == 2) {
    file.open(args[1], std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "payq: cannot write " << args[1] << "\n";
      return kExitNotFound;
    }
  }
  std::ostream& to = args.size() == 2 ? file : out;
  if (args[0] == "roff") {
    write_roff_manual(to);
  } else {
    write_bash_completion(to);
  }
  to.flush();
  if (!to) {
    err << "payq: cannot write " << (args.size() == 2 ? args[1] : std::string("to stdout")) << "\n";
    return kExitNotFound;
  }
  return kExitOk;
}

}  // namespace payq::cli
