// cli/operator_selection.h — what `payq cancel` and `payq requeue` act on and who acts: one REF, references one per
// line on stdin (`-`), or --batch/--state; the actor from --by, else $SUDO_USER, else $USER, else the account name.
// Parsing only: the store reads and writes (store/operator_actions.h).
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "config/loader.h"
#include "payq/status.h"
#include "store/intent_reader.h"
#include "store/operator_actions.h"

namespace payq::cli {

struct OperatorSelection {
  std::vector<std::string> references;  // REF, or the lines of stdin (blank lines skipped, each once)
  std::optional<store::IntentFilter> filter;  // --batch and/or --state
  bool from_stdin = false;
  std::string describe() const;  // "--batch B --state S", for "no intent matches ..."
};

// Declares REF (optional), --batch, --state, --by, --reason on `parser`.
void declare_selection_options(ArgParser& parser);

// Exactly one of REF, `-` or --batch/--state; kInvalidArgument naming what is wrong.
Result<OperatorSelection> read_selection(const ArgParser& parser, std::istream& in);

// --by, else $SUDO_USER, else $USER, else the effective user's account name (1 to 64 printable ASCII characters),
// and --reason (at most 1000 bytes).
Result<store::Actor> read_actor(const ArgParser& parser, const config::EnvLookup& env);

}  // namespace payq::cli
