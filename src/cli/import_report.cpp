// cli/import_report.cpp — text lines pass terminal_safe(); the JSON keeps every value exact. In JSON, `read` is the
// sum of stored, already_present, conflicting and rejected, so a script can check nothing went unaccounted.
#include "cli/import_report.h"
#include "cli/json_writer.h"

#include <algorithm>
#include <cstdio>
#include <ostream>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/intent_output.h"

namespace payq::cli {

ImportReport::ImportReport(ImportDescription description, bool json, bool terminal, std::ostream& out,
                           std::ostream& err)
    : description_(std::move(description)), json_(json), terminal_(terminal), out_(out), err_(err) {}

void ImportReport::add(const importer::Rejection& r) {
  if (r.conflict) ++conflicting_;
  if (json_) {
    rejections_.push_back(r);
    return;
  }
  const std::string lines = std::to_string(r.line) + (r.last_line > r.line ? "-" + std::to_string(r.last_line) : "");
  err_ << (terminal_ ? "\r\033[K" : "") << description_.file << ":" << lines << ": rejected"
       << (r.reference_id.empty() ? "" : " ref=" + terminal_safe(r.reference_id)) << ": " << terminal_safe(r.reason)
       << "\n";
}

void ImportReport::finish(const importer::ImportCounts& counts, double seconds, int exit_code) {
  if (json_) return print_json(counts, seconds, exit_code);
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.3f s, %.0f records/s", seconds,
                seconds > 0 ? static_cast<double>(counts.read()) / seconds : 0.0);
  out_ << "inserted " << counts.inserted << ", already present " << counts.already_present << ", rejected "
       << counts.rejected << " (" << counts.read() << " records in " << timing << ")\n";
}

void ImportReport::print_json(const importer::ImportCounts& counts, double seconds, int exit_code) {
  rapidjson::OStreamWrapper stream(out_);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("file"); write_json_string(w, description_.file);
  w.Key("input_format"); write_json_string(w, description_.input_format);
  w.Key("batch"); write_json_optional(w, description_.batch);
  w.Key("atomic"); w.Bool(description_.atomic);
  w.Key("exit_code"); w.Int(exit_code);
  w.Key("seconds"); w.Double(static_cast<double>(static_cast<std::int64_t>(seconds * 1000 + 0.5)) / 1000);
  w.Key("counts");
  w.StartObject();
  w.Key("read"); w.Uint64(counts.read());
  w.Key("stored"); w.Uint64(counts.inserted);
  w.Key("already_present"); w.Uint64(counts.already_present);
  w.Key("conflicting"); w.Uint64(conflicting_);
  w.Key("rejected"); w.Uint64(counts.rejected - conflicting_);
  w.EndObject();
  // Invalid records are refused as they are read, conflicts when their chunk is written: sorted back into file order.
  std::stable_sort(rejections_.begin(), rejections_.end(),
                   [](const importer::Rejection& a, const importer::Rejection& b) { return a.line < b.line; });
  w.Key("rejections");
  w.StartArray();
  for (const auto& r : rejections_) {
    w.StartObject();
    w.Key("line"); w.Uint64(r.line);
    w.Key("last_line"); w.Uint64(r.last_line > r.line ? r.last_line : r.line);
    w.Key("reference_id");
    if (r.reference_id.empty()) {
      w.Null();
    } else {
      write_json_string(w, r.reference_id);
    }
    w.Key("kind"); w.String(r.conflict ? "conflicting" : "rejected");
    w.Key("reason"); write_json_string(w, r.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out_ << "\n";
}

}  // namespace payq::cli
