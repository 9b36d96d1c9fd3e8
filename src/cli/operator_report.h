// cli/operator_report.h — what `payq cancel|requeue|resolve` print about each intent (text as it goes, or one JSON
// object at the end) and the exit code the reports add up to. Rendering only; the store decided.
#pragma once

#include <iosfwd>
#include <vector>

#include "cli/intent_output.h"
#include "store/operator_actions.h"

namespace payq::cli {

class OperatorReport {
 public:
  OperatorReport(store::OperatorAction action, const store::Actor& actor, bool dry_run, OutputFormat format,
                 std::ostream& out, std::ostream& err);

  // One intent: text is printed at once (done on out, refused on err); JSON waits for finish().
  void add(const store::ActionReport& report);
  // Text: a summary line when more than one intent was judged, or in a dry run. JSON: the whole object.
  void finish();
  // 0 when every intent was changed or already as asked; else the first of 4, 5, 6, 13 that a report earned.
  int exit_code() const;

 private:
  void print_text(const store::ActionReport& report);
  void print_json();

  store::OperatorAction action_;
  store::Actor actor_;
  bool dry_run_;
  OutputFormat format_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<store::ActionReport> reports_;
};

// The exit code of one intent's report (README "Exit codes").
int exit_code_for(const store::ActionReport& report);

}  // namespace payq::cli
