// importer/csv_reader.cpp — RFC 4180 CSV: quoted fields with "" escapes and embedded newlines, CRLF or LF,
// a UTF-8 BOM tolerated. Columns are found by header name, in any order.
#include <array>
#include <string>
#include <vector>

#include "importer/record_reader.h"

namespace payq::importer {
namespace {

enum Column { kReferenceId, kAmount, kCurrency, kRedirectUrl, kBatch, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"reference_id", "amount", "currency",
                                                                    "redirect_url", "batch"};

class CsvReader final : public RecordReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  Status start() override {
    if (!read_fields()) return {StatusCode::kInvalidArgument, "CSV input is empty: expected a header row"};
    if (!error_.empty()) return {StatusCode::kInvalidArgument, "CSV header: " + error_};
    if (!fields_.empty() && fields_[0].starts_with("\xEF\xBB\xBF")) fields_[0].erase(0, 3);
    index_.fill(-1);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      bool known = false;
      for (std::size_t c = 0; c < kColumnCount; ++c) {
        if (fields_[i] != kColumnNames[c]) continue;
        if (index_[c] >= 0) return {StatusCode::kInvalidArgument, "CSV header: column '" + fields_[i] + "' appears twice"};
        index_[c] = static_cast<int>(i);
        known = true;
      }
      if (!known) {
        return {StatusCode::kInvalidArgument, "CSV header: unknown column '" + fields_[i] +
                                                  "' (expected reference_id, amount, currency, redirect_url[, batch])"};
      }
    }
    for (std::size_t c = 0; c < kBatch; ++c) {
      if (index_[c] < 0) return {StatusCode::kInvalidArgument, "CSV header: missing column '" + std::string(kColumnNames[c]) + "'"};
    }
    column_count_ = fields_.size();
    return Status::ok();
  }

  bool next(Record& record) override {
    do {
      if (!read_fields()) return false;
    } while (fields_.size() == 1 && fields_[0].empty() && error_.empty());  // blank line
    record.line = record_line_;
    record.error.reset();
    if (!error_.empty()) {
      record.error = error_;
    } else if (fields_.size() != column_count_) {
      record.error = "expected " + std::to_string(column_count_) + " fields, found " + std::to_string(fields_.size());
    }
    IntentInput& in = record.input;
    in.reference_id = field(kReferenceId);
    in.amount = field(kAmount);
    in.currency = field(kCurrency);
    in.redirect_url = field(kRedirectUrl);
    in.batch.reset();
    if (index_[kBatch] >= 0 && !field(kBatch).empty()) in.batch = field(kBatch);
    return true;
  }

 private:
  std::string field(Column c) const {
    const int i = index_[c];
    return i >= 0 && static_cast<std::size_t>(i) < fields_.size() ? fields_[static_cast<std::size_t>(i)] : std::string();
  }

  bool read_line() {
    if (!std::getline(in_, line_)) return false;
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    return true;
  }

  // Splits the next record into fields_, reading more lines while a quoted field is open.
  bool read_fields() {
    if (!read_line()) return false;
    record_line_ = line_number_;
    fields_.assign(1, std::string());
    error_.clear();
    bool quoted = false;
    bool field_start = true;
    for (std::size_t i = 0;; ++i) {
      if (i == line_.size()) {
        if (!quoted) break;
        if (!read_line()) {
          error_ = "quoted field not closed before the end of input";
          break;
        }
        fields_.back() += '\n';
        i = static_cast<std::size_t>(-1);
        continue;
      }
      const char c = line_[i];
      if (quoted) {
        if (c != '"') {
          fields_.back() += c;
        } else if (i + 1 < line_.size() && line_[i + 1] == '"') {
          fields_.back() += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == ',') {
        fields_.emplace_back();
        field_start = true;
        continue;
      } else if (c == '"' && field_start) {
        quoted = true;
      } else if (c == '"') {
        error_ = "stray quote in field " + std::to_string(fields_.size());
      } else {
        fields_.back() += c;
      }
      field_start = false;
    }
    return true;
  }

  std::istream& in_;
  std::string line_;
  std::size_t line_number_ = 0;
  std::size_t record_line_ = 0;
  std::vector<std::string> fields_;
  std::string error_;
  std::array<int, kColumnCount> index_{};
  std::size_t column_count_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::istream& in) { return std::make_unique<CsvReader>(in); }

}  // namespace payq::importer
