// cli/operator_report.cpp — per-intent lines, the summary and the JSON object of operator actions. Every text that
// came from input or the database passes terminal_safe() in text; JSON stays exact.
#include "cli/operator_report.h"
#include "cli/json_writer.h"

#include <algorithm>
#include <array>
#include <ostream>
#include <string>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/exit_codes.h"

namespace payq::cli {
namespace {

using store::ActionVerdict;

// JSON "result" of a verdict; also the order of the summary.
constexpr std::array kVerdicts = {ActionVerdict::kApplied,        ActionVerdict::kAlreadyDone,
                                  ActionVerdict::kRefusedState,   ActionVerdict::kChangedMeanwhile,
                                  ActionVerdict::kNeedsForce,     ActionVerdict::kRemoteIdTaken,
                                  ActionVerdict::kNotFound,       ActionVerdict::kFailed};

std::string result_name(ActionVerdict verdict, bool dry_run) {
  switch (verdict) {
    case ActionVerdict::kApplied: return dry_run ? "would_change" : "changed";
    case ActionVerdict::kAlreadyDone: return "unchanged";
    case ActionVerdict::kRefusedState: return "refused";
    case ActionVerdict::kChangedMeanwhile: return "changed_meanwhile";
    case ActionVerdict::kNeedsForce: return "needs_force";
    case ActionVerdict::kRemoteIdTaken: return "remote_id_taken";
    case ActionVerdict::kNotFound: return "not_found";
    case ActionVerdict::kFailed: return "failed";
  }
  return "failed";
}

}  // namespace

int exit_code_for(const store::ActionReport& report) {
  switch (report.verdict) {
    case ActionVerdict::kApplied:
    case ActionVerdict::kAlreadyDone: return kExitOk;
    case ActionVerdict::kRefusedState:
    case ActionVerdict::kChangedMeanwhile: return kExitRefusedByState;
    case ActionVerdict::kNeedsForce:
    case ActionVerdict::kRemoteIdTaken: return kExitConflict;
    case ActionVerdict::kNotFound: return kExitNotFound;
    case ActionVerdict::kFailed: return kExitDatabase;
  }
  return kExitInternal;
}

OperatorReport::OperatorReport(store::OperatorAction action, const store::Actor& actor, bool dry_run,
                               OutputFormat format, std::ostream& out, std::ostream& err)
    : action_(action), actor_(actor), dry_run_(dry_run), format_(format), out_(out), err_(err) {}

void OperatorReport::add(const store::ActionReport& report) {
  reports_.push_back(report);
  if (format_ != OutputFormat::kJson) print_text(report);
}

void OperatorReport::print_text(const store::ActionReport& r) {
  const std::string reference = terminal_safe(r.reference_id);
  switch (r.verdict) {
    case ActionVerdict::kApplied:
      out_ << reference << ": " << (dry_run_ ? "would be " + r.to_state + " (is " : r.to_state + " (was ")
           << r.from_state << ")\n";
      return;
    case ActionVerdict::kAlreadyDone: out_ << reference << ": already " << r.to_state << ", nothing to do\n"; return;
    case ActionVerdict::kRefusedState:
    case ActionVerdict::kChangedMeanwhile:
    case ActionVerdict::kNeedsForce:
    case ActionVerdict::kRemoteIdTaken:
    case ActionVerdict::kNotFound:
    case ActionVerdict::kFailed: err_ << "payq: " << terminal_safe(r.message) << "\n"; return;
  }
}

void OperatorReport::finish() {
  if (format_ == OutputFormat::kJson) return print_json();
  if (reports_.size() <= 1 && !dry_run_) return;
  std::string summary;
  for (const ActionVerdict verdict : kVerdicts) {
    const auto n = std::count_if(reports_.begin(), reports_.end(), [&](const auto& r) { return r.verdict == verdict; });
    if (n > 0) summary += (summary.empty() ? "" : ", ") + result_name(verdict, dry_run_) + " " + std::to_string(n);
  }
  out_ << store::to_string(action_) << ": " << reports_.size() << " intent(s): " << summary
       << (dry_run_ ? " (dry run: nothing changed)" : "") << "\n";
}

void OperatorReport::print_json() {
  rapidjson::OStreamWrapper stream(out_);
  JsonWriter w(stream);
  const auto text_or_null = [&](const std::string& value) {  // empty: not given
    if (value.empty()) {
      w.Null();
    } else {
      write_json_string(w, value);
    }
  };
  w.StartObject();
  w.Key("action"); w.String(store::to_string(action_));
  w.Key("dry_run"); w.Bool(dry_run_);
  w.Key("by"); write_json_string(w, actor_.by);
  w.Key("reason"); text_or_null(actor_.reason);
  w.Key("exit_code"); w.Int(exit_code());
  w.Key("counts");
  w.StartObject();
  for (const ActionVerdict verdict : kVerdicts) {
    w.Key(result_name(verdict, dry_run_).c_str());
    w.Int64(std::count_if(reports_.begin(), reports_.end(), [&](const auto& r) { return r.verdict == verdict; }));
  }
  w.EndObject();
  w.Key("intents");
  w.StartArray();
  for (const auto& r : reports_) {
    w.StartObject();
    w.Key("reference_id"); write_json_string(w, r.reference_id);
    w.Key("from"); text_or_null(r.from_state);
    w.Key("to"); text_or_null(r.to_state);
    w.Key("result"); write_json_string(w, result_name(r.verdict, dry_run_));
    w.Key("message"); text_or_null(r.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out_ << "\n";
}

int OperatorReport::exit_code() const {
  int code = kExitOk;
  for (const auto& r : reports_) {
    const int mine = exit_code_for(r);
    for (const int worst : {kExitDatabase, kExitNotFound, kExitConflict, kExitRefusedByState}) {
      if (code == worst) break;
      if (mine == worst) {
        code = mine;
        break;
      }
    }
  }
  return code;
}

}  // namespace payq::cli
