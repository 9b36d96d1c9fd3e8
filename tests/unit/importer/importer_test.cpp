// importer/importer_test.cpp — CSV and JSONL parsing edge cases, and an import of good and bad lines mixed:
// the good go in, each bad one is reported with its line, a re-import inserts nothing.
#include <doctest/doctest.h>

#include <sstream>

#include "importer/importer.h"
#include "store/database.h"
#include "support/temp_dir.h"

using payq::importer::ImportCounts;
using payq::importer::Rejection;

namespace {

struct Run {
  payq::Result<ImportCounts> counts = payq::Status{payq::StatusCode::kInternal, "not run"};
  std::vector<Rejection> rejections;
};

Run import_text(SQLite::Database& db, const std::string& text, bool jsonl = false,
                std::optional<std::string> batch = std::nullopt) {
  std::istringstream in(text);
  auto reader = jsonl ? payq::importer::make_jsonl_reader(in) : payq::importer::make_csv_reader(in);
  Run run;
  payq::importer::ImportOptions options;
  options.batch = std::move(batch);
  options.now_ms = 1'700'000'000'000;
  options.on_rejected = [&](const Rejection& r) { run.rejections.push_back(r); };
  run.counts = payq::importer::import_records(db, *reader, options);
  return run;
}

struct Db {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  Db() { db = std::move(payq::store::open_database({.path = dir.file("q.db")})).value(); }
  int count(const std::string& where = "1") {
    return db->execAndGet("SELECT count(*) FROM payment_intents WHERE " + where).getInt();
  }
};

constexpr const char* kMixed =
    "reference_id,amount,currency,redirect_url,batch\n"   // line 1
    "A-1,10.00,USD,https://s.example/r,\n"                 // 2 ok
    "A-2,1.234,USD,https://s.example/r,\n"                 // 3 too many decimals
    "\n"                                                    // 4 blank, skipped
    "A-3,\"1,000\",USD,https://s.example/r,\n"             // 5 thousands separator
    "A-4,500,JPY,\"https://s.example/r?a=1,b=2\",nov\n"    // 6 ok, quoted comma
    "A-5,5,USD\n"                                           // 7 too few fields
    "A-1,11.00,USD,https://s.example/r,\n"                 // 8 conflicting duplicate
    "A-6,7.5,EUR,https://s.example/r,\r\n";                // 9 ok, CRLF

}  // namespace

TEST_CASE("good and bad CSV lines mixed: the good go in, each bad one is reported with its line") {
  Db t;
  auto run = import_text(*t.db, kMixed);
  REQUIRE(run.counts.is_ok());
  CHECK(run.counts->inserted == 3);
  CHECK(run.counts->rejected == 4);
  REQUIRE(run.rejections.size() == 4);
  CHECK(run.rejections[0].line == 3);
  CHECK(run.rejections[0].reason.find("USD allows at most 2") != std::string::npos);
  CHECK(run.rejections[1].line == 5);
  CHECK(run.rejections[2].line == 7);
  CHECK(run.rejections[2].reason.find("expected 5 fields, found 3") != std::string::npos);
  CHECK(run.rejections[3].line == 8);
  CHECK(run.rejections[3].reason.find("already exists with other content") != std::string::npos);
  CHECK(t.count("reference_id='A-4' AND redirect_url='https://s.example/r?a=1,b=2' AND batch='nov'") == 1);
  CHECK(t.count("reference_id='A-6' AND amount_minor=750") == 1);
}

TEST_CASE("re-importing the same file inserts nothing") {
  Db t;
  REQUIRE(import_text(*t.db, kMixed).counts.is_ok());
  auto again = import_text(*t.db, kMixed);
  REQUIRE(again.counts.is_ok());
  CHECK(again.counts->inserted == 0);
  CHECK(again.counts->already_present == 3);
  CHECK(t.count() == 3);
}

TEST_CASE("quoted fields may hold quotes and newlines; line numbers follow physical lines") {
  Db t;
  auto run = import_text(*t.db,
                         "amount,currency,reference_id,redirect_url\n"
                         "1,USD,\"Q\"\"1\",https://s.example\n"
                         "2,USD,\"multi\nline\",https://s.example\n"
                         "3,USD,Q-3,https://s.example\n"
                         "x,USD,Q-4,https://s.example\n");
  REQUIRE(run.counts.is_ok());
  CHECK(run.counts->inserted == 2);
  REQUIRE(run.rejections.size() == 2);
  CHECK(run.rejections[0].line == 3);  // the newline makes the reference invalid
  CHECK(run.rejections[1].line == 6);
  CHECK(t.count("reference_id='Q\"1'") == 1);
}

TEST_CASE("a CSV header that cannot be imported stores nothing and says why") {
  Db t;
  auto missing = import_text(*t.db, "reference_id,amount,currency\nA,1,USD\n");
  REQUIRE_FALSE(missing.counts.is_ok());
  CHECK(missing.counts.status().message().find("missing column 'redirect_url'") != std::string::npos);
  auto unknown = import_text(*t.db, "reference_id,ammount,amount,currency,redirect_url\n");
  REQUIRE_FALSE(unknown.counts.is_ok());
  CHECK(unknown.counts.status().message().find("unknown column 'ammount'") != std::string::npos);
  CHECK_FALSE(import_text(*t.db, "").counts.is_ok());
  CHECK(t.count() == 0);
}

TEST_CASE("JSONL: string fields only; a numeric amount is refused; bad JSON is reported with its line") {
  Db t;
  auto run = import_text(*t.db,
                         "{\"reference_id\":\"J-1\",\"amount\":\"12.34\",\"currency\":\"USD\",\"redirect_url\":\"https://s.example\"}\n"
                         "{\"reference_id\":\"J-2\",\"amount\":12.34,\"currency\":\"USD\",\"redirect_url\":\"https://s.example\"}\n"
                         "\n"
                         "{\"reference_id\":\"J-3\",\"amount\":\"1\"\n"
                         "[1,2]\n"
                         "{\"reference_id\":\"J-5\",\"amount\":\"5\",\"currency\":\"EUR\",\"redirect_url\":\"https://s.example\",\"batch\":null,\"extra\":1}\n"
                         "{\"reference_id\":\"J-6\",\"amount\":\"6\",\"currency\":\"EUR\",\"redirect_url\":\"https://s.example\",\"batch\":\"b\"}\n",
                         /*jsonl=*/true);
  REQUIRE(run.counts.is_ok());
  CHECK(run.counts->inserted == 2);
  REQUIRE(run.rejections.size() == 4);
  CHECK(run.rejections[0].line == 2);
  CHECK(run.rejections[0].reason.find("not a number") != std::string::npos);
  CHECK(run.rejections[1].line == 4);
  CHECK(run.rejections[1].reason.find("not valid JSON") != std::string::npos);
  CHECK(run.rejections[2].line == 5);
  CHECK(run.rejections[3].reason.find("unknown key 'extra'") != std::string::npos);
  CHECK(t.count("reference_id='J-6' AND batch='b'") == 1);
}

TEST_CASE("--batch tags every imported row") {
  Db t;
  auto run = import_text(*t.db, "reference_id,amount,currency,redirect_url\nA,1,USD,https://s.example\n", false, "2026-11");
  REQUIRE(run.counts.is_ok());
  CHECK(t.count("batch='2026-11'") == 1);
}
