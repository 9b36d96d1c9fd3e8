// cli/intent_output.h — renders intents for `payq list` / `payq show` as an aligned table, a JSON array or
// CSV with the columns of the docs/design.md §5 contract, and owns the escaping of text printed for a person.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/intent_reader.h"

namespace payq::cli {

enum class OutputFormat { kTable, kJson, kCsv };

// Text from input or from the partner made safe to print on a terminal: C0 controls, DEL, C1 controls and
// bytes that are not valid UTF-8 become \xHH (an ESC can no longer recolour, move the cursor or retitle the
// window). With `keep_newlines`, '\n' stays (multi-line error messages). The one escaping of terminal output:
// tables, `show`, import rejections and error messages; JSON and CSV stay exact.
std::string terminal_safe(std::string_view text, bool keep_newlines = false);

std::optional<OutputFormat> parse_output_format(std::string_view name);

class IntentListWriter {
 public:
  virtual ~IntentListWriter() = default;
  virtual void row(const store::IntentRecord& intent) = 0;
  virtual void finish() = 0;  // closes the JSON array / prints the buffered table
};

std::unique_ptr<IntentListWriter> make_intent_list_writer(OutputFormat format, std::ostream& out);

// `payq show` in text: every field, then the transition history, one line each.
void print_intent_detail(std::ostream& out, const store::IntentRecord& intent,
                         const std::vector<store::TransitionRecord>& transitions);
// `payq show --format json`: the list object plus "transitions" and "remote_payload".
void print_intent_detail_json(std::ostream& out, const store::IntentRecord& intent,
                              const std::vector<store::TransitionRecord>& transitions);

}  // namespace payq::cli
