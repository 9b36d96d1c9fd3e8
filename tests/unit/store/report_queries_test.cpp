// store/report_queries_test.cpp — report figures over intents driven through the real queue statements to
// every outcome: totals equal the test's own sums, conversion and nearest-rank times match, filters hold.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "payq/producer.h"
#include "store/sqlite/sqlite_call_log.h"
#include "store/sqlite/sqlite_database.h"
#include "store/sqlite/sqlite_intent_writer.h"
#include "store/sqlite/sqlite_poll_store.h"
#include "store/sqlite/sqlite_queue_store.h"
#include "store/sqlite/sqlite_report_queries.h"
#include "support/temp_dir.h"


constexpr payq::store::ClaimOwner kTestOwner{1, 1};
using namespace payq::store;

namespace {

constexpr std::int64_t kT0 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z

enum class Fate { kPaid, kExpired, kCancelled, kFailed, kHeld, kAwaiting, kQueued };

struct Planned {
  std::string reference_id;
  std::string amount;
  std::int64_t amount_minor = 0;  // written out by hand: the test's own arithmetic, not payq's
  std::string currency;
  Fate fate = Fate::kQueued;
  std::int64_t created_at = 0;
  std::int64_t paid_after_ms = 0;
};

std::string outcome_of(Fate fate) {
  switch (fate) {
    case Fate::kPaid: return "paid";
    case Fate::kExpired: return "expired";
    case Fate::kCancelled: return "cancelled";
    case Fate::kFailed: return "failed";
    case Fate::kHeld: return "on_hold";
    case Fate::kAwaiting: return "awaiting_payment";
    case Fate::kQueued: return "queued";
  }
  return "";
}

// Queued ones come last: claims take intents in id order, and these must stay unclaimed.
std::vector<Planned> plan() {
  const std::int64_t h = 3'600'000;
  return {
      {"E-1", "12.50", 1250, "EUR", Fate::kPaid, kT0 + 1 * h, 60'000},
      {"E-2", "7.05", 705, "EUR", Fate::kPaid, kT0 + 2 * h, 120'000},
      {"E-3", "100", 10000, "EUR", Fate::kPaid, kT0 + 3 * h, 30'000},
      {"E-4", "0.99", 99, "EUR", Fate::kPaid, kT0 + 26 * h, 300'000},
      {"E-5", "49.90", 4990, "EUR", Fate::kPaid, kT0 + 27 * h, 90'000},
      {"E-6", "15.00", 1500, "EUR", Fate::kExpired, kT0 + 4 * h, 0},
      {"E-7", "3.10", 310, "EUR", Fate::kCancelled, kT0 + 5 * h, 0},
      {"E-8", "20.00", 2000, "EUR", Fate::kFailed, kT0 + 6 * h, 0},
      {"E-9", "8.88", 888, "EUR", Fate::kHeld, kT0 + 28 * h, 0},
      {"U-1", "19.99", 1999, "USD", Fate::kPaid, kT0 + 7 * h, 45'000},
      {"U-2", "5", 500, "USD", Fate::kPaid, kT0 + 30 * h, 10'000},
      {"U-3", "250.00", 25000, "USD", Fate::kExpired, kT0 + 31 * h, 0},
      {"U-4", "1.01", 101, "USD", Fate::kAwaiting, kT0 + 32 * h, 0},
      {"J-1", "1500", 1500, "JPY", Fate::kPaid, kT0 + 8 * h, 600'000},
      {"K-1", "1.234", 1234, "KWD", Fate::kFailed, kT0 + 9 * h, 0},
      {"E-10", "1.00", 100, "EUR", Fate::kQueued, kT0 + 10 * h, 0},
  };
}

struct ReportDb {
  payq::testing::TempDir dir;
  std::unique_ptr<SQLite::Database> db;
  std::vector<Planned> planned = plan();

  ReportDb() {
    auto producer = payq::Producer::open(dir.file("r.db"));  // creates and migrates the file
    REQUIRE(producer.is_ok());
    db = std::move(open_database({.location = dir.file("r.db")})).value();
    SqliteIntentWriter writer(*db);
    for (const auto& p : planned) {
      auto intent = payq::validate_intent({p.reference_id, p.amount, p.currency, "https://s.example/r", "nov"});
      REQUIRE(intent.is_ok());
      REQUIRE(writer.insert(*intent, p.created_at).is_ok());
    }
    // The plan drives intents in the order it stored them, whatever their creation times: make each due at once.
    db->exec("UPDATE payment_intents SET next_attempt_at = 0");
    for (const auto& p : planned) drive(p);
    // Through the producer API, at the real time and in another batch: only unfiltered reports count it.
    REQUIRE((*producer)->enqueue({"O-1", "77.00", "EUR", "https://s.example/r", "other"}).is_ok());
  }

  void drive(const Planned& p) {
    if (p.fate == Fate::kQueued) return;
    SqliteQueueStore queue(*db);
    SqlitePollStore polls(*db);
    const std::int64_t t = p.created_at + 100;
    auto claimed = queue.claim(kTestOwner, t, t + 60'000);
    REQUIRE(claimed.is_ok());
    REQUIRE(claimed->has_value());
    REQUIRE((*claimed)->reference_id == p.reference_id);
    const std::int64_t id = (*claimed)->id;
    if (p.fate == Fate::kFailed) {
      REQUIRE(queue.fail(**claimed, {.error = "amount exceeds the merchant limit"}, t + 100).is_ok());
      return;
    }
    if (p.fate == Fate::kHeld) {
      SqliteCallLog calls(*db);
      for (int i = 0; i < 2; ++i) {
        REQUIRE(calls.append({.intent_id = id, .kind = "create", .started_at_ms = t, .latency_ms = 30'000,
                              .transport_error = "maybe_sent", .outcome = "ambiguous", .ambiguous = true})
                    .is_ok());
      }
      REQUIRE(queue.hold(**claimed, {.error = "timeout after sending", .ambiguous = true}, t + 100).is_ok());
      return;
    }
    REQUIRE(queue.record_created(**claimed, "pr_" + p.reference_id, "pending", "{}", t + 100, t + 5'000).is_ok());
    if (p.fate == Fate::kAwaiting) return;
    const std::int64_t settle_at = p.fate == Fate::kPaid ? p.created_at + p.paid_after_ms : t + 900'000;
    REQUIRE(polls.record_answer(id, outcome_of(p.fate), "{}", true, std::nullopt, settle_at).is_ok());
  }
};

// Nearest rank over the test's own list of times, independent of the SQL.
std::int64_t nearest_rank(std::vector<std::int64_t> times, int percent) {
  std::sort(times.begin(), times.end());
  const std::size_t rank = (times.size() * static_cast<std::size_t>(percent) + 99) / 100;
  return times[rank - 1];
}

std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> expected_totals(
    const std::vector<Planned>& planned, std::int64_t since, std::int64_t until) {
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& p : planned) {
    if (p.created_at < since || p.created_at > until) continue;
    auto& [intents, minor] = out[{p.currency, outcome_of(p.fate)}];
    intents += 1;
    minor += p.amount_minor;
  }
  return out;
}

}  // namespace

TEST_CASE("report totals per currency and outcome equal the sums of what was enqueued") {
  ReportDb r;
  SqliteReportQueries queries(*r.db);
  auto report = queries.report({.batch = "nov"});
  REQUIRE(report.is_ok());
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> got;
  for (const auto& t : report->totals) {
    got[{t.currency, t.outcome}] = {t.intents, static_cast<std::int64_t>(t.total_minor)};
  }
  CHECK(got == expected_totals(r.planned, 0, INT64_MAX));
  CHECK(got[{"EUR", "paid"}] == std::pair<std::int64_t, std::int64_t>{5, 1250 + 705 + 10000 + 99 + 4990});
  CHECK(report->totals.front().currency == "EUR");
  CHECK(report->totals.front().outcome == "paid");  // outcomes in the documented order
  const auto kwd = std::find_if(report->totals.begin(), report->totals.end(),
                                [](const auto& t) { return t.currency == "KWD"; });
  REQUIRE(kwd != report->totals.end());
  CHECK(kwd->minor_digits == 3);

  auto everything = queries.totals({});
  REQUIRE(everything.is_ok());
  std::int64_t eur_queued = 0;
  for (const auto& t : *everything) {
    if (t.currency == "EUR" && t.outcome == "queued") eur_queued = static_cast<std::int64_t>(t.total_minor);
  }
  CHECK(eur_queued == 100 + 7700);  // the producer's intent of batch "other" counts without a batch filter
}

TEST_CASE("report conversion is paid over settled by the partner, per currency and over all") {
  ReportDb r;
  auto conversion = SqliteReportQueries(*r.db).conversion({.batch = "nov"});
  REQUIRE(conversion.is_ok());
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> got;
  for (const auto& c : *conversion) got[c.currency] = {c.settled, c.paid};
  CHECK(got["EUR"] == std::pair<std::int64_t, std::int64_t>{7, 5});  // 5 paid, 1 expired, 1 cancelled
  CHECK(got["USD"] == std::pair<std::int64_t, std::int64_t>{3, 2});
  CHECK(got["JPY"] == std::pair<std::int64_t, std::int64_t>{1, 1});
  CHECK(got.count("KWD") == 0);  // nothing settled: no rate
  CHECK(got[""] == std::pair<std::int64_t, std::int64_t>{11, 8});
  CHECK(conversion->back().currency.empty());  // the row over all currencies comes last
}

TEST_CASE("report median and p95 time to payment are the nearest ranks of the paid intents' times") {
  ReportDb r;
  auto times = SqliteReportQueries(*r.db).payment_times({.batch = "nov"});
  REQUIRE(times.is_ok());
  std::map<std::string, std::vector<std::int64_t>> paid_after;
  for (const auto& p : r.planned) {
    if (p.fate == Fate::kPaid) {
      paid_after[p.currency].push_back(p.paid_after_ms);
      paid_after[""].push_back(p.paid_after_ms);
    }
  }
  REQUIRE(times->size() == paid_after.size());
  for (const auto& t : *times) {
    INFO("currency '" << t.currency << "'");
    const auto& expected = paid_after[t.currency];
    CHECK(t.paid == static_cast<std::int64_t>(expected.size()));
    CHECK(t.median_ms == nearest_rank(expected, 50));
    CHECK(t.p95_ms == nearest_rank(expected, 95));
  }
  CHECK(times->back().median_ms == 60'000);  // 10 30 45 60 90 120 300 600 s: rank 4
  CHECK(times->back().p95_ms == 600'000);
}

TEST_CASE("report since/until bound creation time inclusively; batch narrows; orphans carry their ambiguous calls") {
  ReportDb r;
  SqliteReportQueries queries(*r.db);
  const std::int64_t since = *parse_report_time("2026-11-02", false);
  const std::int64_t until = *parse_report_time("2026-11-02", true);
  auto report = queries.report({.since_ms = since, .until_ms = until, .batch = "nov"});
  REQUIRE(report.is_ok());
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> got;
  for (const auto& t : report->totals) {
    got[{t.currency, t.outcome}] = {t.intents, static_cast<std::int64_t>(t.total_minor)};
  }
  CHECK(got == expected_totals(r.planned, since, until));
  CHECK(got.size() == 5);  // E-4, E-5 paid; E-9 on hold; U-2 paid, U-3 expired, U-4 awaiting

  REQUIRE(report->orphans.size() == 1);
  CHECK(report->orphans[0].reference_id == "E-9");
  CHECK(report->orphans[0].state == "on_hold");
  CHECK(report->orphans[0].ambiguous_attempts == 2);
  CHECK_FALSE(report->orphans[0].remote_id.has_value());

  auto other = queries.report({.batch = "other"});
  REQUIRE(other.is_ok());
  REQUIRE(other->totals.size() == 1);
  CHECK(static_cast<std::int64_t>(other->totals[0].total_minor) == 7700);
  CHECK(other->conversion.size() == 1);  // only the (empty) row over all currencies
  CHECK(other->conversion[0].settled == 0);
  CHECK(other->payment_times.empty());
}

TEST_CASE("the reporting views agree with the report queries") {
  ReportDb r;
  auto report = SqliteReportQueries(*r.db).report({});
  REQUIRE(report.is_ok());
  SQLite::Statement totals(*r.db, "SELECT total, total_minor FROM v_currency_outcome_totals"
                                  " WHERE currency = 'KWD' AND outcome = 'failed'");
  REQUIRE(totals.executeStep());
  CHECK(totals.getColumn(0).getString() == "1.234");
  CHECK(totals.getColumn(1).getInt64() == 1234);
  SQLite::Statement times(*r.db, "SELECT paid, median_ms, p95_ms FROM v_time_to_payment WHERE currency = '(all)'");
  REQUIRE(times.executeStep());
  CHECK(times.getColumn(1).getInt64() == report->payment_times.back().median_ms);
  CHECK(times.getColumn(2).getInt64() == report->payment_times.back().p95_ms);
  CHECK(r.db->execAndGet("SELECT conversion_rate FROM v_conversion WHERE currency = '(all)'").getDouble() ==
        doctest::Approx(8.0 / 11.0).epsilon(0.0001));
  CHECK(r.db->execAndGet("SELECT sum(total_minor) FROM v_outcome_totals WHERE currency = 'EUR'").getInt64() ==
        1250 + 705 + 10000 + 99 + 4990 + 1500 + 310 + 2000 + 888 + 100 + 7700);
  CHECK(r.db->execAndGet("SELECT group_concat(new_value, ' > ') FROM (SELECT new_value FROM v_intent_history"
                         " WHERE reference_id = 'U-1' AND field = 'state' ORDER BY id)").getString() ==
        "queued > submitting > submitted > settled");
  CHECK(r.db->execAndGet("SELECT last_error FROM v_failed_intents WHERE reference_id = 'E-8'").getString() ==
        "amount exceeds the merchant limit");
}

TEST_CASE("report times: dates, ISO timestamps with fractions and offsets; anything else is refused") {
  CHECK(*parse_report_time("2026-11-01", false) == kT0);
  CHECK(*parse_report_time("2026-11-01", true) == kT0 + 86'400'000 - 1);
  CHECK(*parse_report_time("2026-11-01T07:30:00Z", false) == 1'793'518'200'000);
  CHECK(*parse_report_time("2026-11-01T08:30:00.25+01:00", true) == 1'793'518'200'250);
  CHECK(*parse_report_time("2026-11-01 07:30", false) == 1'793'518'200'000);
  CHECK(*parse_report_time("2024-02-29T23:59:59.999999Z", false) == 1'709'251'199'999);
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-30", "2026-11-1", "2026-11-01T25:00Z",
                          "2026-11-01T07:30:00Q", "2026-11-01T07:30:00.Z", "2026-11-01T07", "1793491200000"}) {
    INFO(bad);
    auto parsed = parse_report_time(bad, false);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == payq::StatusCode::kInvalidArgument);
  }
}

TEST_CASE("report totals stay exact where a plain sum of minor units would overflow int64 (CLF, 4 digits)") {
  payq::testing::TempDir dir;
  auto db = open_database({.location = dir.file("clf.db")});
  REQUIRE(db.is_ok());
  for (int i = 0; i < 20; ++i) {  // each 99999999999999.9999 CLF = 999999999999999999 minor units, just under 10^18
    (*db)->exec("INSERT INTO payment_intents (reference_id, amount, currency, redirect_url) VALUES ('C-" +
                std::to_string(i) + "', '99999999999999.9999', 'CLF', 'https://s.example/r')");
  }
  CHECK_THROWS((*db)->execAndGet("SELECT sum(amount_minor) FROM payment_intents"));  // "integer overflow"
  auto totals = SqliteReportQueries(**db).totals({});
  REQUIRE(totals.is_ok());
  REQUIRE(totals->size() == 1);
  CHECK((*totals)[0].intents == 20);
  CHECK((*totals)[0].total_minor == MinorTotal(999'999'999'999'999'999) * 20);
  CHECK((*totals)[0].total_minor > MinorTotal(INT64_MAX));
}
