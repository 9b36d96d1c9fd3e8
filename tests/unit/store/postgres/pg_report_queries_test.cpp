// store/postgres/pg_report_queries_test.cpp — report figures on PostgreSQL over intents seeded to every outcome, as
// store/report_queries_test.cpp asserts them on SQLite: totals equal the test's own sums in the documented order,
// conversion and nearest-rank times match, filters hold, and totals stay exact past int64.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <vector>

#include "store/postgres/pg_report_queries.h"
#include "store/postgres/pg_seed.h"
#include "store/report_time.h"

using payq::store::MinorTotal;
using payq::store::parse_report_time;
using payq::store::postgres::PgReportQueries;

namespace {

constexpr std::int64_t kT0 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
constexpr std::int64_t kH = 3'600'000;

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

std::vector<Planned> plan() {
  return {
      {"E-1", "12.50", 1250, "EUR", Fate::kPaid, kT0 + 1 * kH, 60'000},
      {"E-2", "7.05", 705, "EUR", Fate::kPaid, kT0 + 2 * kH, 120'000},
      {"E-3", "100", 10000, "EUR", Fate::kPaid, kT0 + 3 * kH, 30'000},
      {"E-4", "0.99", 99, "EUR", Fate::kPaid, kT0 + 26 * kH, 300'000},
      {"E-5", "49.90", 4990, "EUR", Fate::kPaid, kT0 + 27 * kH, 90'000},
      {"E-6", "15.00", 1500, "EUR", Fate::kExpired, kT0 + 4 * kH, 0},
      {"E-7", "3.10", 310, "EUR", Fate::kCancelled, kT0 + 5 * kH, 0},
      {"E-8", "20.00", 2000, "EUR", Fate::kFailed, kT0 + 6 * kH, 0},
      {"E-9", "8.88", 888, "EUR", Fate::kHeld, kT0 + 28 * kH, 0},
      {"U-1", "19.99", 1999, "USD", Fate::kPaid, kT0 + 7 * kH, 45'000},
      {"U-2", "5", 500, "USD", Fate::kPaid, kT0 + 30 * kH, 10'000},
      {"U-3", "250.00", 25000, "USD", Fate::kExpired, kT0 + 31 * kH, 0},
      {"U-4", "1.01", 101, "USD", Fate::kAwaiting, kT0 + 32 * kH, 0},
      {"J-1", "1500", 1500, "JPY", Fate::kPaid, kT0 + 8 * kH, 600'000},
      {"K-1", "1.234", 1234, "KWD", Fate::kFailed, kT0 + 9 * kH, 0},
      {"E-10", "1.00", 100, "EUR", Fate::kQueued, kT0 + 10 * kH, 0},
  };
}

struct ReportDb {
  payq::testing::PgSeed db;
  std::vector<Planned> planned = plan();

  ReportDb() {
    for (const auto& p : planned) drive(p);
    db.add("O-1", "77.00", "EUR", "other", kT0 + 100 * kH);  // another batch: only unfiltered reports count it
  }

  void drive(const Planned& p) {
    const std::int64_t id = db.add(p.reference_id, p.amount, p.currency, "nov", p.created_at);
    const std::int64_t t = p.created_at + 100;
    switch (p.fate) {
      case Fate::kQueued: return;
      case Fate::kFailed: db.fail(p.reference_id, "amount exceeds the merchant limit", t); return;
      case Fate::kHeld:
        for (int i = 0; i < 2; ++i) db.call(id, "create", t, 30'000, std::nullopt, "ambiguous", true);
        db.hold(p.reference_id, "timeout after sending", true, t);
        return;
      case Fate::kAwaiting: db.submit(p.reference_id, t, t + 5'000); return;
      case Fate::kPaid:
      case Fate::kExpired:
      case Fate::kCancelled:
        db.submit(p.reference_id, t, t + 5'000);
        db.settle(p.reference_id, outcome_of(p.fate),
                  p.fate == Fate::kPaid ? p.created_at + p.paid_after_ms : t + 900'000);
        return;
    }
  }
};

std::int64_t nearest_rank(std::vector<std::int64_t> times, int percent) {
  std::sort(times.begin(), times.end());
  const std::size_t rank = (times.size() * static_cast<std::size_t>(percent) + 99) / 100;
  return times[rank - 1];
}

using Totals = std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>>;

Totals expected_totals(const std::vector<Planned>& planned, std::int64_t since, std::int64_t until) {
  Totals out;
  for (const auto& p : planned) {
    if (p.created_at < since || p.created_at > until) continue;
    auto& [intents, minor] = out[{p.currency, outcome_of(p.fate)}];
    intents += 1;
    minor += p.amount_minor;
  }
  return out;
}

Totals totals_of(const std::vector<payq::store::OutcomeTotal>& totals) {
  Totals got;
  for (const auto& t : totals) got[{t.currency, t.outcome}] = {t.intents, static_cast<std::int64_t>(t.total_minor)};
  return got;
}

}  // namespace

TEST_SUITE("postgres.report_queries") {
  TEST_CASE("report totals per currency and outcome equal the sums of what was enqueued, in the documented order") {
    ReportDb r;
    PgReportQueries queries(r.db.session());
    auto report = queries.report({.batch = "nov"});
    REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
    auto got = totals_of(report->totals);
    CHECK(got == expected_totals(r.planned, 0, INT64_MAX));
    CHECK(got[{"EUR", "paid"}] == std::pair<std::int64_t, std::int64_t>{5, 1250 + 705 + 10000 + 99 + 4990});
    std::vector<std::string> order;
    for (const auto& t : report->totals) order.push_back(t.currency + " " + t.outcome);
    CHECK(order == std::vector<std::string>{"EUR paid", "EUR expired", "EUR cancelled", "EUR failed", "EUR on_hold",
                                            "EUR queued", "JPY paid", "KWD failed", "USD paid", "USD expired",
                                            "USD awaiting_payment"});
    const auto kwd = std::find_if(report->totals.begin(), report->totals.end(),
                                  [](const auto& t) { return t.currency == "KWD"; });
    REQUIRE(kwd != report->totals.end());
    CHECK(kwd->minor_digits == 3);

    auto everything = queries.totals({});
    REQUIRE(everything.is_ok());
    CHECK(totals_of(*everything)[{"EUR", "queued"}].second == 100 + 7700);
  }

  TEST_CASE("report conversion is paid over settled by the partner, per currency and over all") {
    ReportDb r;
    auto conversion = PgReportQueries(r.db.session()).conversion({.batch = "nov"});
    REQUIRE_MESSAGE(conversion.is_ok(), conversion.status().to_string());
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> got;
    for (const auto& c : *conversion) got[c.currency] = {c.settled, c.paid};
    CHECK(got["EUR"] == std::pair<std::int64_t, std::int64_t>{7, 5});
    CHECK(got["USD"] == std::pair<std::int64_t, std::int64_t>{3, 2});
    CHECK(got["JPY"] == std::pair<std::int64_t, std::int64_t>{1, 1});
    CHECK(got.count("KWD") == 0);
    CHECK(got[""] == std::pair<std::int64_t, std::int64_t>{11, 8});
    REQUIRE(conversion->size() == 4);
    CHECK(conversion->front().currency == "EUR");
    CHECK(conversion->back().currency.empty());  // the row over all currencies comes last
  }

  TEST_CASE("report median and p95 time to payment are the nearest ranks of the paid intents' times") {
    ReportDb r;
    auto times = PgReportQueries(r.db.session()).payment_times({.batch = "nov"});
    REQUIRE_MESSAGE(times.is_ok(), times.status().to_string());
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
    CHECK(times->back().currency.empty());
    CHECK(times->back().median_ms == 60'000);
    CHECK(times->back().p95_ms == 600'000);
  }

  TEST_CASE("report since/until bound creation time inclusively; batch narrows; orphans carry their ambiguous calls") {
    ReportDb r;
    PgReportQueries queries(r.db.session());
    const std::int64_t since = *parse_report_time("2026-11-02", false);
    const std::int64_t until = *parse_report_time("2026-11-02", true);
    auto report = queries.report({.since_ms = since, .until_ms = until, .batch = "nov"});
    REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
    auto got = totals_of(report->totals);
    CHECK(got == expected_totals(r.planned, since, until));
    CHECK(got.size() == 5);

    REQUIRE(report->orphans.size() == 1);
    CHECK(report->orphans[0].reference_id == "E-9");
    CHECK(report->orphans[0].state == "on_hold");
    CHECK(report->orphans[0].amount == "8.88");
    CHECK(report->orphans[0].amount_minor == 888);
    CHECK(report->orphans[0].ambiguous_attempts == 2);
    CHECK_FALSE(report->orphans[0].remote_id.has_value());
    CHECK(report->orphans[0].last_error == "timeout after sending");

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
    auto report = PgReportQueries(r.db.session()).report({});
    REQUIRE(report.is_ok());
    CHECK(r.db.one("SELECT total || ' ' || total_minor FROM v_currency_outcome_totals"
                   " WHERE currency = 'KWD' AND outcome = 'failed'") == "1.234 1234");
    CHECK(r.db.one("SELECT median_ms || ' ' || p95_ms FROM v_time_to_payment WHERE currency = '(all)'") ==
          std::to_string(report->payment_times.back().median_ms) + " " +
              std::to_string(report->payment_times.back().p95_ms));
  }

  TEST_CASE("report totals stay exact where a sum of minor units passes int64 (CLF, 4 digits)") {
    payq::testing::PgSeed db;
    for (int i = 0; i < 20; ++i) db.add("C-" + std::to_string(i), "99999999999999.9999", "CLF");
    auto totals = PgReportQueries(db.session()).totals({});
    REQUIRE_MESSAGE(totals.is_ok(), totals.status().to_string());
    REQUIRE(totals->size() == 1);
    CHECK((*totals)[0].intents == 20);
    CHECK((*totals)[0].total_minor == MinorTotal(999'999'999'999'999'999) * 20);
    CHECK((*totals)[0].total_minor > MinorTotal(INT64_MAX));
  }
}
