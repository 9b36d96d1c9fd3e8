// tests/fuzz/record_fuzz_support.h — the shared body of the CSV and JSONL reader targets: read every record
// of a file, validate each. Invariant: no crash, and record lines rise within the file's line count.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "importer/record_reader.h"

namespace payq::fuzz {

inline void read_all_records(const std::uint8_t* data, std::size_t size, importer::Format format) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  std::unique_ptr<importer::RecordReader> reader =
      format == importer::Format::kCsv ? importer::make_csv_reader(in) : importer::make_jsonl_reader(in);
  if (!reader->start().is_ok()) return;
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  std::size_t last_line = 0;
  importer::Record record;
  for (std::size_t n = 0; reader->next(record); ++n) {
    if (n > size || record.line <= last_line || record.line > lines) std::abort();
    last_line = record.line;
    if (!record.error) (void)validate_intent(record.input);
  }
}

}  // namespace payq::fuzz
