// importer/jsonl_reader.cpp — JSON Lines: one object per line with string fields; blank lines skipped.
// A numeric amount is refused, because a JSON number may already have lost the exact decimal.
#include <string>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "importer/record_reader.h"

namespace payq::importer {
namespace {

class JsonlReader final : public RecordReader {
 public:
  explicit JsonlReader(std::istream& in) : in_(in) {}

  Status start() override { return Status::ok(); }

  bool next(Record& record) override {
    do {
      if (!std::getline(in_, line_)) return false;
      ++line_number_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    } while (line_.find_first_not_of(" \t") == std::string::npos);
    record.line = line_number_;
    record.input = IntentInput{};
    record.error.reset();
    rapidjson::Document doc;
    doc.Parse(line_.c_str(), line_.size());
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
    for (const auto& member : doc.GetObject()) {
      const std::string key(member.name.GetString(), member.name.GetStringLength());
      std::string* target = key == "reference_id" ? &record.input.reference_id
                            : key == "amount"     ? &record.input.amount
                            : key == "currency"   ? &record.input.currency
                            : key == "redirect_url" ? &record.input.redirect_url
                                                    : nullptr;
      if (key == "batch" && member.value.IsNull()) continue;
      if (target == nullptr && key != "batch") {
        record.error = "unknown key '" + key + "'";
        return;
      }
      if (!member.value.IsString()) {
        record.error = key + " must be a JSON string" +
                       (key == "amount" && member.value.IsNumber() ? std::string(" (write \"amount\": \"12.50\", not a number)") : "");
        return;
      }
      std::string value(member.value.GetString(), member.value.GetStringLength());
      if (target != nullptr) {
        *target = std::move(value);
      } else {
        record.input.batch = std::move(value);
      }
    }
  }

  std::istream& in_;
  std::string line_;
  std::size_t line_number_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> make_jsonl_reader(std::istream& in) { return std::make_unique<JsonlReader>(in); }

}  // namespace payq::importer
