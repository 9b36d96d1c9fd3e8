// importer/jsonl_reader.cpp — JSON Lines: one object per line with string fields; blank lines skipped.
// A numeric amount is refused, because a JSON number may already have lost the exact decimal. Parsing is
// iterative (no recursion, so nesting depth cannot overflow the stack) and a key given twice is refused.
#include <array>
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "importer/line_source.h"
#include "importer/record_reader.h"

namespace payq::importer {
namespace {

enum Key { kReferenceId, kAmount, kCurrency, kRedirectUrl, kBatch, kKeyCount };
constexpr std::array<std::string_view, kKeyCount> kKeyNames = {"reference_id", "amount", "currency", "redirect_url",
                                                              "batch"};

int key_index(std::string_view key) {
  for (std::size_t k = 0; k < kKeyCount; ++k) {
    if (kKeyNames[k] == key) return static_cast<int>(k);
  }
  return -1;
}

class JsonlReader final : public RecordReader {
 public:
  explicit JsonlReader(std::istream& in) : lines_(in, kMaxRecordBytes) {}

  Status start() override { return Status::ok(); }

  bool next(Record& record) override {
    do {
      if (!lines_.next(line_)) return false;
    } while (!lines_.too_long() && line_.find_first_not_of(" \t") == std::string::npos);
    record.line = record.last_line = lines_.number();
    record.input = IntentInput{};
    record.error.reset();
    if (lines_.too_long()) {
      record.error = "line longer than " + std::to_string(kMaxRecordBytes) + " bytes";
      return true;
    }
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseIterativeFlag>(line_.c_str(), line_.size());
    if (doc.HasParseError()) {
      record.error = std::string("not valid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()) +
                     " at offset " + std::to_string(doc.GetErrorOffset());
    } else if (!doc.IsObject()) {
      record.error = "expected a JSON object";
    } else {
      read_object(doc, record);
    }
    return true;
  }

 private:
  static void read_object(const rapidjson::Document& doc, Record& record) {
    std::array<bool, kKeyCount> seen{};
    for (const auto& member : doc.GetObject()) {
      const std::string key(member.name.GetString(), member.name.GetStringLength());
      const int k = key_index(key);
      if (k < 0) {
        record.error = "unknown key '" + key + "'";
        return;
      }
      // RapidJSON keeps every member; taking the last (or the first) would pick one of two amounts silently.
      if (seen[static_cast<std::size_t>(k)]) {
        record.error = "duplicate key '" + key + "'";
        return;
      }
      seen[static_cast<std::size_t>(k)] = true;
      if (k == kBatch && member.value.IsNull()) continue;
      if (!member.value.IsString()) {
        record.error = key + " must be a JSON string" +
                       (k == kAmount && member.value.IsNumber() ? std::string(" (write \"amount\": \"12.50\", not a number)") : "");
        return;
      }
      std::string value(member.value.GetString(), member.value.GetStringLength());
      IntentInput& in = record.input;
      switch (static_cast<Key>(k)) {
        case kReferenceId: in.reference_id = std::move(value); break;
        case kAmount: in.amount = std::move(value); break;
        case kCurrency: in.currency = std::move(value); break;
        case kRedirectUrl: in.redirect_url = std::move(value); break;
        case kBatch: in.batch = std::move(value); break;
        case kKeyCount: break;
      }
    }
  }

  LineSource lines_;
  std::string line_;
};

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::istream& in) { return std::make_unique<JsonlReader>(in); }

}  // namespace payq::importer
