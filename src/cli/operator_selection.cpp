// cli/operator_selection.cpp — the selection and actor of operator actions, read from options, stdin and the
// environment. Every refusal names the option at fault.
#include "cli/operator_selection.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "cli/command_support.h"

namespace payq::cli {
namespace {

constexpr std::size_t kMaxByLength = 64;
constexpr std::size_t kMaxReasonLength = 1000;

bool printable_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c <= '~'; });
}

std::string trimmed(std::string line) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!line.empty() && blank(line.back())) line.pop_back();
  const auto first = std::find_if_not(line.begin(), line.end(), blank);
  return std::string(first, line.end());
}

Result<std::vector<std::string>> references_from(std::istream& in) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string reference = trimmed(line);
    if (reference.empty()) continue;
    if (!printable_ascii(reference)) {
      return Status{StatusCode::kInvalidArgument, "stdin line " + std::to_string(number) +
                                                      ": a reference_id is printable ASCII, one per line"};
    }
    if (seen.insert(reference).second) out.push_back(std::move(reference));
  }
  if (out.empty()) return Status{StatusCode::kInvalidArgument, "no reference_id on stdin (one per line)"};
  return out;
}

// The name of the effective user in the password database, else "uid N" (a cron job or unit without $USER).
std::string account_name() {
  passwd entry{};
  passwd* found = nullptr;
  std::string buffer(16384, '\0');
  const uid_t uid = geteuid();
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr &&
      found->pw_name != nullptr && found->pw_name[0] != '\0') {
    return found->pw_name;
  }
  return "uid " + std::to_string(uid);
}

}  // namespace

std::string OperatorSelection::describe() const {
  if (!filter) return "the references given";
  std::string text;
  if (filter->batch) text += "--batch " + *filter->batch;
  if (filter->state) text += std::string(text.empty() ? "" : " ") + "--state " + *filter->state;
  return text;
}

void declare_selection_options(ArgParser& parser) {
  parser.positional("REF", "the intent's reference_id, or - to read references one per line from stdin",
                    /*required=*/false)
      .option("batch", "B", "every intent of batch B (with --state: those in state S)")
      .option("state", "S", "every intent in state S (with --batch: of batch B)", intent_state_choices())
      .option("by", "NAME", "who acts, recorded with each transition (default $SUDO_USER, else $USER)")
      .option("reason", "TEXT", "why, recorded with each transition");
}

Result<OperatorSelection> read_selection(const ArgParser& parser, std::istream& in) {
  OperatorSelection selection;
  const auto reference = parser.positional_value("REF");
  const auto batch = parser.value("batch");
  const auto state = parser.value("state");
  if (reference && (batch || state)) {
    return Status{StatusCode::kInvalidArgument, "give REF (or -) or --batch/--state, not both"};
  }
  if (!reference && !batch && !state) {
    return Status{StatusCode::kInvalidArgument, "missing REF: give a reference_id, - (stdin), --batch or --state"};
  }
  if (state && !store::is_known_state(*state)) {
    return Status{StatusCode::kInvalidArgument, "--state: '" + *state + "' is not a state (queued, submitting, "
                                                "submitted, settled, failed, on_hold, cancelled)"};
  }
  if (batch && batch->empty()) return Status{StatusCode::kInvalidArgument, "--batch: must not be empty"};
  if (batch || state) {
    selection.filter = store::IntentFilter{state, batch};
  } else if (*reference == "-") {
    auto references = references_from(in);
    if (!references) return references.status();
    selection.references = std::move(references).value();
    selection.from_stdin = true;
  } else {
    selection.references.push_back(*reference);
  }
  return selection;
}

Result<store::Actor> read_actor(const ArgParser& parser, const config::EnvLookup& env) {
  const auto set = [&env](const char* name) {
    auto value = env(name);
    return value && !value->empty() ? value : std::nullopt;
  };
  store::Actor actor;
  const std::string source = parser.value("by") ? "--by" : set("SUDO_USER") ? "$SUDO_USER" : "$USER";
  actor.by = parser.value("by").value_or(set("SUDO_USER").value_or(set("USER").value_or(account_name())));
  if (actor.by.empty()) return Status{StatusCode::kInvalidArgument, "--by: must not be empty"};
  if (actor.by.size() > kMaxByLength || !printable_ascii(actor.by)) {
    return Status{StatusCode::kInvalidArgument,
                  source + ": must be 1 to " + std::to_string(kMaxByLength) + " printable ASCII characters"};
  }
  actor.reason = parser.value("reason").value_or("");
  if (actor.reason.size() > kMaxReasonLength) {
    return Status{StatusCode::kInvalidArgument,
                  "--reason: at most " + std::to_string(kMaxReasonLength) + " bytes"};
  }
  return actor;
}

}  // namespace payq::cli
