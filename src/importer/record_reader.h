// importer/record_reader.h — the streaming source of intents for `payq import`: one record at a time with
// the line it started on, so memory stays flat and every rejection names its line. Not thread-safe.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>

#include "payq/intent.h"
#include "payq/status.h"

namespace payq::importer {

// A record longer than this (one line, or a CSV record over several lines) is rejected unread: no valid intent
// comes near it, and a hostile file must not make the import hold it in memory.
inline constexpr std::size_t kMaxRecordBytes = 1024 * 1024;
// A CSV record whose quoted field is still open after this many lines is rejected with the lines it took, and
// reading resumes on the next line: an unclosed quote never swallows the rest of the file.
inline constexpr std::size_t kMaxRecordLines = 10;

struct Record {
  std::size_t line = 0;      // 1-based line where the record starts
  std::size_t last_line = 0; // line where it ends (> line only for a CSV record over several lines)
  IntentInput input;         // as read; not validated yet
  std::optional<std::string> error;  // set when the line itself could not be read as a record
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads what precedes the records (a CSV header); kInvalidArgument when the file cannot be imported.
  virtual Status start() = 0;
  // Fills `record` and returns true, or returns false at the end of input.
  virtual bool next(Record& record) = 0;
};

enum class Format { kCsv, kJsonl };

// CSV with a header row naming reference_id, amount, currency, redirect_url and optionally batch.
std::unique_ptr<RecordReader> make_csv_reader(std::istream& in);
// One JSON object per line with the same keys; amount must be a string (a JSON number is not exact).
std::unique_ptr<RecordReader> make_jsonl_reader(std::istream& in);

}  // namespace payq::importer
