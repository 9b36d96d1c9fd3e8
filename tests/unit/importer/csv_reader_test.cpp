// importer/csv_reader_test.cpp — the CSV reader on hostile and odd files: a BOM before a quoted header, an
// unclosed quote bounded and reported with the lines it took (reading resumes after them), overlong lines.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "importer/record_reader.h"

using payq::importer::kMaxRecordBytes;
using payq::importer::kMaxRecordLines;
using payq::importer::Record;

namespace {

struct Read {
  payq::Status started;
  std::vector<Record> records;
};

Read read_csv(const std::string& text) {
  std::istringstream in(text);
  auto reader = payq::importer::make_csv_reader(in);
  Read read{reader->start(), {}};
  if (!read.started) return read;
  Record record;
  while (reader->next(record)) read.records.push_back(record);
  return read;
}

constexpr const char* kHeader = "reference_id,amount,currency,redirect_url\n";

std::string good_line(int i) { return "R-" + std::to_string(i) + ",1.00,USD,https://s.example/r\n"; }

}  // namespace

TEST_CASE("a UTF-8 BOM before a quoted header is accepted") {
  auto read = read_csv("\xEF\xBB\xBF\"reference_id\",\"amount\",\"currency\",\"redirect_url\"\n\"A-1\",\"1.00\",USD,https://s.example\n");
  REQUIRE(read.started.is_ok());
  REQUIRE(read.records.size() == 1);
  CHECK_FALSE(read.records[0].error);
  CHECK(read.records[0].input.reference_id == "A-1");
  CHECK(read.records[0].input.amount == "1.00");
}

TEST_CASE("a BOM before a plain header is still accepted, and a BOM on a later line is data") {
  auto read = read_csv("\xEF\xBB\xBFreference_id,amount,currency,redirect_url\n\xEF\xBB\xBF\"A\",1,USD,https://s.example\n");
  REQUIRE(read.started.is_ok());
  REQUIRE(read.records.size() == 1);
  REQUIRE(read.records[0].error);
  CHECK(read.records[0].error->find("stray quote in field 1") != std::string::npos);
}

TEST_CASE("an unclosed quote takes at most kMaxRecordLines lines, names them, and reading resumes after them") {
  std::string text = kHeader;
  text += "R-bad,\"1.00,USD,https://s.example/r\n";  // line 2: the quote never closes
  for (int i = 3; i <= 30; ++i) text += good_line(i);
  auto read = read_csv(text);
  REQUIRE(read.started.is_ok());
  const std::size_t swallowed_to = 2 + kMaxRecordLines - 1;
  REQUIRE(read.records.size() == 1 + (30 - swallowed_to));
  const Record& bad = read.records[0];
  CHECK(bad.line == 2);
  CHECK(bad.last_line == swallowed_to);
  REQUIRE(bad.error);
  CHECK(bad.error->find("unclosed quote in field 2") != std::string::npos);
  CHECK(bad.error->find("reading goes on at line " + std::to_string(swallowed_to + 1)) != std::string::npos);
  for (std::size_t i = 1; i < read.records.size(); ++i) {
    CHECK_FALSE(read.records[i].error);
    CHECK(read.records[i].line == swallowed_to + i);
    CHECK(read.records[i].input.reference_id == "R-" + std::to_string(swallowed_to + i));
  }
}

TEST_CASE("an unclosed quote near the end of input names the lines up to the end") {
  auto read = read_csv(std::string(kHeader) + good_line(2) + "R-3,1,USD,\"https://s.example\n" + good_line(4));
  REQUIRE(read.records.size() == 2);
  CHECK_FALSE(read.records[0].error);
  const Record& bad = read.records[1];
  CHECK(bad.line == 3);
  CHECK(bad.last_line == 4);
  REQUIRE(bad.error);
  CHECK(bad.error->find("unclosed quote in field 4 at the end of input") != std::string::npos);
}

TEST_CASE("a quoted field closed on a later line is one record whose line range is known") {
  auto read = read_csv(std::string(kHeader) + "R-2,1,USD,\"https://s.example\nsecond\"\n" + good_line(4));
  REQUIRE(read.records.size() == 2);
  CHECK(read.records[0].line == 2);
  CHECK(read.records[0].last_line == 3);
  CHECK(read.records[0].input.redirect_url == "https://s.example\nsecond");
  CHECK(read.records[1].line == 4);
}

TEST_CASE("a line longer than kMaxRecordBytes is rejected without being kept, and the next line is read") {
  std::string text = kHeader;
  text += "R-2,1,USD,https://s.example/" + std::string(kMaxRecordBytes + 10, 'x') + "\n";
  text += good_line(3);
  auto read = read_csv(text);
  REQUIRE(read.records.size() == 2);
  REQUIRE(read.records[0].error);
  CHECK(read.records[0].error->find("line longer than") != std::string::npos);
  CHECK(read.records[0].input.redirect_url.size() <= kMaxRecordBytes);
  CHECK_FALSE(read.records[1].error);
  CHECK(read.records[1].line == 3);
}

TEST_CASE("a quoted field over several long lines stops at kMaxRecordBytes") {
  const std::string chunk(kMaxRecordBytes / 3, 'y');
  std::string text = kHeader;
  text += "R-2,1,USD,\"" + chunk + "\n" + chunk + "\n" + chunk + "\n" + chunk + "\n";  // lines 2-5
  text += good_line(6);
  auto read = read_csv(text);
  REQUIRE(read.records.size() >= 2);
  REQUIRE(read.records[0].error);
  CHECK(read.records[0].error->find("at most " + std::to_string(kMaxRecordBytes) + " bytes") != std::string::npos);
  CHECK(read.records.back().input.reference_id == "R-6");
  CHECK_FALSE(read.records.back().error);
}
