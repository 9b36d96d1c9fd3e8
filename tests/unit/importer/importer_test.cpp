// importer/importer_test.cpp — an import of good and bad lines mixed (the good go in, each bad one is reported
// with its line, a re-import inserts nothing); chunked commits that release the write lock between chunks.
#include <doctest/doctest.h>

#include <sstream>

#include <SQLiteCpp/Transaction.h>

#include "importer/importer.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_intent_writer.h"
#include "support/fake_clock.h"
#include "support/temp_dir.h"

using payq::importer::ImportCounts;
using payq::importer::Rejection;
using namespace std::chrono_literals;

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
  payq::testing::FakeClock clock;
  payq::store::SqliteIntentWriter writer(db);
  run.counts = payq::importer::import_records(writer, *reader, clock, options);
  return run;
}

struct Db {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  Db() { db = std::move(payq::store::open_database({.location = dir.file("q.db")})).value(); }
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
  CHECK(run.rejections[3].conflict);  // the stored reference with other content; the others are invalid records
  CHECK_FALSE(run.rejections[0].conflict);
  CHECK_FALSE(run.rejections[2].conflict);
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

namespace {

using payq::importer::ImportOptions;

std::string csv_rows(int first, int last, const std::string& bad_at = "") {
  std::string text = "reference_id,amount,currency,redirect_url\n";
  for (int i = first; i <= last; ++i) {
    const std::string ref = "C-" + std::to_string(i);
    text += ref + (ref == bad_at ? ",1.001" : ",1.00") + ",USD,https://s.example/r\n";
  }
  return text;
}

// Runs one import of `text` over `db` with `options` as the test set them (the clock given, or a fake one).
payq::Result<ImportCounts> import_with(SQLite::Database& db, const std::string& text, ImportOptions options,
                                       payq::Clock* clock = nullptr) {
  std::istringstream in(text);
  auto reader = payq::importer::make_csv_reader(in);
  payq::testing::FakeClock fake;
  options.now_ms = 1'700'000'000'000;
  payq::store::SqliteIntentWriter writer(db);
  return payq::importer::import_records(writer, *reader, clock != nullptr ? *clock : fake, options);
}

// A second connection that writes with no busy timeout: its write succeeds only while nobody holds the lock.
struct OtherWriter {
  SQLite::Database db;
  int next = 0;
  explicit OtherWriter(const std::string& path) : db(path, SQLite::OPEN_READWRITE) { db.setBusyTimeout(0); }
  bool try_insert() {
    try {
      db.exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('O-" +
              std::to_string(++next) + "', '2.00', 'EUR', 'https://s.example/o')");
      return true;
    } catch (const SQLite::Exception&) {
      return false;
    }
  }
};

// A clock whose steady time moves 100 ms every time it is read: a chunk's writing time runs out after a few rows.
class TickingClock final : public payq::Clock {
 public:
  std::chrono::steady_clock::time_point steady_now() override { return fake_.steady_now() + ticks_++ * 100ms; }
  std::chrono::system_clock::time_point wall_now() override { return fake_.wall_now(); }
  bool sleep_until(std::chrono::steady_clock::time_point, std::stop_token) override { return true; }

 private:
  payq::testing::FakeClock fake_;
  std::chrono::milliseconds::rep ticks_ = 0;
};

}  // namespace

TEST_CASE("chunked import: each chunk commits and releases the write lock; another writer gets in between") {
  Db t;
  OtherWriter other(t.dir.file("q.db"));
  ImportOptions options;
  options.chunk.max_rows = 3;
  std::vector<std::uint64_t> committed;
  int other_wrote = 0;
  options.on_committed = [&](const ImportCounts& c) {
    committed.push_back(c.inserted);
    other_wrote += other.try_insert() ? 1 : 0;
  };
  auto counts = import_with(*t.db, csv_rows(1, 10), options);
  REQUIRE(counts.is_ok());
  CHECK(counts->inserted == 10);
  CHECK(committed == std::vector<std::uint64_t>{3, 6, 9, 10});
  CHECK(other_wrote == 4);
  CHECK(t.count("reference_id LIKE 'O-%'") == 4);
}

TEST_CASE("a writer that got in during a pause makes the next pauses long enough for it, for kContendedFor") {
  Db t;
  OtherWriter other(t.dir.file("q.db"));
  ImportOptions options;
  options.chunk.max_rows = 2;
  std::vector<std::chrono::milliseconds> pauses;
  options.on_pause = [&](std::chrono::milliseconds pause) { pauses.push_back(pause); };
  payq::testing::FakeClock clock;
  options.on_committed = [&](const ImportCounts& c) {
    if (c.inserted == 4) REQUIRE(other.try_insert());  // during the pause after the second chunk
    if (c.inserted == 6) clock.advance(payq::importer::kContendedFor);
  };
  REQUIRE(import_with(*t.db, csv_rows(1, 10), options, &clock).is_ok());
  REQUIRE(pauses.size() == 5);
  CHECK(pauses[0] == payq::importer::kShortPause);
  CHECK(pauses[1] == payq::importer::kShortPause);
  CHECK(pauses[2] > payq::importer::kShortPause);  // the third chunk saw the other writer's commit
  CHECK(pauses[2] < payq::importer::kFullPause);
  CHECK(pauses[3] == payq::importer::kFullPause);  // the advance made a full pause due as well
  CHECK(pauses[4] == payq::importer::kShortPause);  // nobody seen for kContendedFor
}

TEST_CASE("the lock is free while records are read and validated; --atomic holds it throughout") {
  for (const bool atomic : {false, true}) {
    CAPTURE(atomic);
    Db t;
    OtherWriter other(t.dir.file("q.db"));
    ImportOptions options;
    options.atomic = atomic;
    options.chunk.max_rows = 2;
    bool other_got_in = false;
    options.on_rejected = [&](const Rejection&) { other_got_in = other.try_insert(); };
    auto counts = import_with(*t.db, csv_rows(1, 6, "C-4"), options);
    REQUIRE(counts.is_ok());
    CHECK(counts->inserted == 5);
    CHECK(other_got_in == !atomic);
  }
}

TEST_CASE("a chunk also ends when its writing time runs out") {
  Db t;
  TickingClock clock;
  ImportOptions options;
  options.chunk.max_rows = 1000;
  options.chunk.max_writing = 250ms;
  std::vector<std::uint64_t> committed;
  options.on_committed = [&](const ImportCounts& c) { committed.push_back(c.inserted); };
  auto counts = import_with(*t.db, csv_rows(1, 12), options, &clock);
  REQUIRE(counts.is_ok());
  CHECK(counts->inserted == 12);
  REQUIRE(committed.size() >= 3);
  CHECK(committed.front() < 12);
  CHECK(committed.back() == 12);
}

TEST_CASE("a write lock held by another writer is waited out with a warning naming who waits") {
  Db t;
  t.db->setBusyTimeout(0);
  OtherWriter other(t.dir.file("q.db"));
  auto holder = std::make_unique<SQLite::Transaction>(other.db, SQLite::TransactionBehavior::IMMEDIATE);
  std::vector<std::string> warnings;
  ImportOptions options;
  options.on_waiting = [&](const std::string& message) {
    warnings.push_back(message);
    if (warnings.size() == 3) holder->commit();
  };
  auto counts = import_with(*t.db, csv_rows(1, 5), options);
  REQUIRE(counts.is_ok());
  CHECK(counts->inserted == 5);
  REQUIRE(warnings.size() == 3);
  CHECK(warnings[0].find("import waits for the database's write lock") != std::string::npos);
  CHECK(warnings[0].find("database is locked") != std::string::npos);
}

TEST_CASE("a lock never released: the import gives up, keeping whole chunks; a re-run completes it exactly") {
  Db t;
  t.db->setBusyTimeout(0);
  OtherWriter other(t.dir.file("q.db"));
  std::unique_ptr<SQLite::Transaction> holder;
  ImportOptions options;
  options.chunk.max_rows = 4;
  options.on_committed = [&](const ImportCounts& c) {
    if (c.inserted == 8) holder = std::make_unique<SQLite::Transaction>(other.db, SQLite::TransactionBehavior::IMMEDIATE);
  };
  auto failed = import_with(*t.db, csv_rows(1, 10), options);
  REQUIRE_FALSE(failed.is_ok());
  CHECK(failed.status().code() == payq::StatusCode::kBusy);
  CHECK(failed.status().message().find("giving up") != std::string::npos);
  CHECK(failed.status().message().find("hold 8 records") != std::string::npos);
  holder.reset();
  CHECK(t.count() == 8);
  auto again = import_with(*t.db, csv_rows(1, 10), {});
  REQUIRE(again.is_ok());
  CHECK(again->inserted == 2);
  CHECK(again->already_present == 8);
  CHECK(t.count() == 10);
}

TEST_CASE("a database failure mid-import keeps the chunks committed before it; --atomic keeps nothing") {
  for (const bool atomic : {false, true}) {
    CAPTURE(atomic);
    Db t;
    const int pages = t.db->execAndGet("PRAGMA page_count").getInt();
    t.db->exec("PRAGMA max_page_count = " + std::to_string(pages + 3));  // full after a few dozen rows
    ImportOptions options;
    options.atomic = atomic;
    options.chunk.max_rows = 5;
    auto failed = import_with(*t.db, csv_rows(1, 400), options);
    REQUIRE_FALSE(failed.is_ok());
    CHECK(failed.status().message().find("database or disk is full") != std::string::npos);
    const int stored = t.count();
    if (atomic) {
      CHECK(stored == 0);
      CHECK(failed.status().message().find("nothing was imported") != std::string::npos);
    } else {
      CHECK(stored > 0);
      CHECK(stored % 5 == 0);
      CHECK(failed.status().message().find("hold " + std::to_string(stored) + " records") != std::string::npos);
    }
    t.db->exec("PRAGMA max_page_count = 1000000");
    auto again = import_with(*t.db, csv_rows(1, 400), {});
    REQUIRE(again.is_ok());
    CHECK(again->inserted == static_cast<std::uint64_t>(400 - stored));
    CHECK(again->already_present == static_cast<std::uint64_t>(stored));
    CHECK(t.count() == 400);
  }
}
