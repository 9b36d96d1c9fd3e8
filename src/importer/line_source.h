// importer/line_source.h — physical lines of an import file, LF or CRLF, each at most kMaxRecordBytes long:
// the rest of a longer line is skipped unstored and flagged. Counts lines for error messages. Not thread-safe.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace payq::importer {

class LineSource {
 public:
  LineSource(std::istream& in, std::size_t max_bytes) : in_(in), max_bytes_(max_bytes) {}

  // The next line without its terminator into `line`; false at the end of input. When the line was longer
  // than max_bytes, `line` holds its first max_bytes bytes and too_long() is true until the next call.
  bool next(std::string& line);
  bool too_long() const { return too_long_; }
  std::size_t number() const { return number_; }  // 1-based number of the line last returned

 private:
  std::istream& in_;
  std::size_t max_bytes_;
  std::size_t number_ = 0;
  bool too_long_ = false;
};

}  // namespace payq::importer
