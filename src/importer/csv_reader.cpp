// importer/csv_reader.cpp — RFC 4180 CSV: quoted fields with "" escapes and embedded newlines, CRLF or LF,
// a UTF-8 BOM tolerated. Columns are found by header name, in any order. A record is bounded (kMaxRecordLines,
// kMaxRecordBytes): an unclosed quote is rejected with the lines it took, and reading resumes after them.
#include <array>
#include <string>
#include <vector>

#include "importer/line_source.h"
#include "importer/record_reader.h"

namespace payq::importer {
namespace {

enum Column { kReferenceId, kAmount, kCurrency, kRedirectUrl, kBatch, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"reference_id", "amount", "currency",
                                                                    "redirect_url", "batch"};
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class CsvReader final : public RecordReader {
 public:
  explicit CsvReader(std::istream& in) : lines_(in, kMaxRecordBytes) {}

  Status start() override {
    if (!read_fields(/*first=*/true)) return {StatusCode::kInvalidArgument, "CSV input is empty: expected a header row"};
    if (!error_.empty()) return {StatusCode::kInvalidArgument, "CSV header: " + error_};
    return map_columns();
  }

  bool next(Record& record) override {
    do {
      if (!read_fields(/*first=*/false)) return false;
    } while (fields_.size() == 1 && fields_[0].empty() && error_.empty());  // blank line
    record.line = record_line_;
    record.last_line = lines_.number();
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
  Status map_columns() {
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

  std::string field(Column c) const {
    const int i = index_[c];
    return i >= 0 && static_cast<std::size_t>(i) < fields_.size() ? fields_[static_cast<std::size_t>(i)] : std::string();
  }

  // Reads the next physical line into line_; false at the end of input. An overlong line becomes error_.
  bool read_line() {
    if (!lines_.next(line_)) return false;
    record_bytes_ += line_.size() + 1;
    if (lines_.too_long()) error_ = "line longer than " + std::to_string(kMaxRecordBytes) + " bytes";
    return true;
  }

  // Splits the next record into fields_, reading more lines while a quoted field is open, within the bounds.
  bool read_fields(bool first) {
    error_.clear();
    record_bytes_ = 0;
    if (!read_line()) return false;
    record_line_ = lines_.number();
    // The BOM precedes the first byte of the file, so it goes before any quote of the header is parsed.
    if (first && line_.starts_with(kUtf8Bom)) line_.erase(0, kUtf8Bom.size());
    fields_.assign(1, std::string());
    if (!error_.empty()) return true;
    bool quoted = false;
    bool field_start = true;
    for (std::size_t i = 0;; ++i) {
      if (i == line_.size()) {
        if (!quoted) break;
        if (!continue_quoted_field()) break;
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
        if (error_.empty()) error_ = "stray quote in field " + std::to_string(fields_.size());
      } else {
        fields_.back() += c;
      }
      field_start = false;
    }
    return true;
  }

  // A quoted field is open at the end of line_: reads the next line into line_ and returns true, or sets
  // error_ and returns false (end of input, or the record would exceed its bounds). The record then ends at
  // the last line read, so the rejection names every line it took (Record::last_line).
  bool continue_quoted_field() {
    const std::string unclosed = "unclosed quote in field " + std::to_string(fields_.size());
    const std::string resume = "; reading goes on at line " + std::to_string(lines_.number() + 1);
    if (lines_.number() - record_line_ + 1 >= kMaxRecordLines) {
      error_ = unclosed + " (a record may span at most " + std::to_string(kMaxRecordLines) + " lines)" + resume;
      return false;
    }
    if (!read_line()) {
      error_ = unclosed + " at the end of input";
      return false;
    }
    if (lines_.too_long() || record_bytes_ > kMaxRecordBytes) {
      error_ = unclosed + " (a record may hold at most " + std::to_string(kMaxRecordBytes) + " bytes)" +
               "; reading goes on at line " + std::to_string(lines_.number() + 1);
      return false;
    }
    return true;
  }

  LineSource lines_;
  std::string line_;
  std::size_t record_line_ = 0;
  std::size_t record_bytes_ = 0;
  std::vector<std::string> fields_;
  std::string error_;
  std::array<int, kColumnCount> index_{};
  std::size_t column_count_ = 0;
};

}  // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::istream& in) { return std::make_unique<CsvReader>(in); }

}  // namespace payq::importer
