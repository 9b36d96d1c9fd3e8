// cli/import_report.h — what `payq import` prints: each rejected line on stderr as it happens and a summary line,
// or (--format json) one object at the end with the counts and every rejected line. Rendering only.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "importer/importer.h"

namespace payq::cli {

struct ImportDescription {
  std::string file;  // as given; "-" for stdin
  std::string input_format;  // "csv" or "jsonl"
  std::optional<std::string> batch;
  bool atomic = false;
};

class ImportReport {
 public:
  ImportReport(ImportDescription description, bool json, bool terminal, std::ostream& out, std::ostream& err);

  // Text: "FILE:LINE: rejected ref=R: reason" on err at once. JSON: kept for finish().
  void add(const importer::Rejection& rejection);
  // The summary line, or the JSON object, on out.
  void finish(const importer::ImportCounts& counts, double seconds, int exit_code);

 private:
  void print_json(const importer::ImportCounts& counts, double seconds, int exit_code);

  ImportDescription description_;
  bool json_;
  bool terminal_;
  std::ostream& out_;
  std::ostream& err_;
  std::vector<importer::Rejection> rejections_;  // JSON only
  std::uint64_t conflicting_ = 0;
};

}  // namespace payq::cli
