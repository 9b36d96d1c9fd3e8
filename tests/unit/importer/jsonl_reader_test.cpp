// importer/jsonl_reader_test.cpp — the JSONL reader on hostile lines: nesting 200,000 deep (parsed without
// recursion, so no stack overflow), a key given twice (refused, naming the key), an overlong line.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "importer/record_reader.h"

using payq::importer::Record;

namespace {

std::vector<Record> read_jsonl(const std::string& text) {
  std::istringstream in(text);
  auto reader = payq::importer::make_jsonl_reader(in);
  REQUIRE(reader->start().is_ok());
  std::vector<Record> records;
  Record record;
  while (reader->next(record)) records.push_back(record);
  return records;
}

constexpr const char* kGood =
    R"({"reference_id":"J-1","amount":"1.00","currency":"USD","redirect_url":"https://s.example"})";

}  // namespace

TEST_CASE("a line of 200,000 '[' is a rejected line, not a stack overflow") {
  auto records = read_jsonl(std::string(200'000, '[') + "\n" + kGood + "\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].error);
  CHECK(records[0].error->find("not valid JSON") != std::string::npos);
  CHECK_FALSE(records[1].error);
  CHECK(records[1].line == 2);
}

TEST_CASE("valid JSON nested 200,000 deep is read and refused as not an object") {
  auto records = read_jsonl(std::string(200'000, '[') + std::string(200'000, ']') + "\n" +
                            R"({"reference_id":)" + std::string(100'000, '[') + std::string(100'000, ']') + "}\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].error);
  CHECK(*records[0].error == "expected a JSON object");
  REQUIRE(records[1].error);
  CHECK(records[1].error->find("reference_id must be a JSON string") != std::string::npos);
}

TEST_CASE("a key given twice is refused, naming the key: never last-one-wins") {
  auto records = read_jsonl(
      R"({"reference_id":"J-1","amount":"1.00","amount":"100000.00","currency":"USD","redirect_url":"https://s.example"})"
      "\n"
      R"({"reference_id":"J-2","batch":null,"batch":"b","amount":"1.00","currency":"USD","redirect_url":"https://s.example"})"
      "\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].error);
  CHECK(*records[0].error == "duplicate key 'amount'");
  REQUIRE(records[1].error);
  CHECK(*records[1].error == "duplicate key 'batch'");
}

TEST_CASE("a JSONL line longer than kMaxRecordBytes is rejected; the next line is read") {
  const std::string long_line = R"({"reference_id":")" + std::string(payq::importer::kMaxRecordBytes, 'x') + "\"}";
  auto records = read_jsonl(long_line + "\n" + kGood + "\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].error);
  CHECK(records[0].error->find("line longer than") != std::string::npos);
  CHECK_FALSE(records[1].error);
  CHECK(records[1].input.reference_id == "J-1");
}
