// store/contract/report_contract_test.cpp — `payq report`'s figures on both stores, over intents driven through the
// store interfaces to every outcome: totals equal the test's own sums in the documented order, conversion and
// nearest-rank times match, filters hold, the views agree, and totals stay exact past int64.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "store/contract/store_under_test.h"
#include "store/report_time.h"

using payq::store::MinorTotal;
using payq::store::parse_report_time;

namespace {

constexpr std::int64_t kT0 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
constexpr std::int64_t kH = 3'600'000;
constexpr payq::store::ClaimOwner kOwner{1, 1};

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

// Each intent is driven right after it is enqueued, so the claim takes it; the queued one comes last.
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

void drive(payq::testing::StoreUnderTest& s, const Planned& p) {
  const std::int64_t id = s.enqueue(p.reference_id, p.created_at, p.amount, p.currency, std::string("nov"));
  if (p.fate == Fate::kQueued) return;
  auto& queue = s.store().queue();
  const std::int64_t t = p.created_at + 100;
  auto claimed = queue.claim(kOwner, t, t + 60'000);
  REQUIRE_MESSAGE(claimed.is_ok(), claimed.status().to_string());
  REQUIRE(claimed->has_value());
  REQUIRE((*claimed)->reference_id == p.reference_id);
  switch (p.fate) {
    case Fate::kQueued: return;
    case Fate::kFailed:
      REQUIRE(queue.fail(**claimed, {.error = "amount exceeds the merchant limit"}, t + 100).is_ok());
      return;
    case Fate::kHeld:
      for (int i = 0; i < 2; ++i) {
        REQUIRE(s.store().call_log().append({.intent_id = id, .kind = "create", .started_at_ms = t,
                                             .latency_ms = 30'000, .transport_error = "maybe_sent",
                                             .outcome = "ambiguous", .ambiguous = true}).is_ok());
      }
      REQUIRE(queue.hold(**claimed, {.error = "timeout after sending", .ambiguous = true}, t + 100).is_ok());
      return;
    case Fate::kAwaiting:
    case Fate::kPaid:
    case Fate::kExpired:
    case Fate::kCancelled:
      REQUIRE(queue.record_created(**claimed, "pr_" + p.reference_id, "pending", "{}", t + 100, t + 5'000).is_ok());
      if (p.fate == Fate::kAwaiting) return;
      const std::int64_t settle_at = p.fate == Fate::kPaid ? p.created_at + p.paid_after_ms : t + 900'000;
      REQUIRE(s.store().polls().record_answer(id, outcome_of(p.fate), "{}", true, std::nullopt, settle_at).is_ok());
      return;
  }
}

// The plan in batch "nov", and O-1 in batch "other": only unfiltered reports count it.
std::vector<Planned> drive_plan(payq::testing::StoreUnderTest& s) {
  std::vector<Planned> planned = plan();
  for (const auto& p : planned) drive(s, p);
  s.enqueue("O-1", kT0 + 100 * kH, "77.00", "EUR", std::string("other"));
  return planned;
}

// Nearest rank over the test's own list of times, independent of the SQL.
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

STORE_CONTRACT("report totals per currency and outcome equal the sums of what was enqueued, in the documented order") {
  const auto planned = drive_plan(s);
  auto& queries = s.store().reports();
  auto report = queries.report({.batch = "nov"});
  REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
  auto got = totals_of(report->totals);
  CHECK(got == expected_totals(planned, 0, INT64_MAX));
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

STORE_CONTRACT("report conversion is paid over settled by the partner, per currency and over all") {
  drive_plan(s);
  auto conversion = s.store().reports().conversion({.batch = "nov"});
  REQUIRE_MESSAGE(conversion.is_ok(), conversion.status().to_string());
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> got;
  for (const auto& c : *conversion) got[c.currency] = {c.settled, c.paid};
  CHECK(got["EUR"] == std::pair<std::int64_t, std::int64_t>{7, 5});  // 5 paid, 1 expired, 1 cancelled
  CHECK(got["USD"] == std::pair<std::int64_t, std::int64_t>{3, 2});
  CHECK(got["JPY"] == std::pair<std::int64_t, std::int64_t>{1, 1});
  CHECK(got.count("KWD") == 0);  // nothing settled: no rate
  CHECK(got[""] == std::pair<std::int64_t, std::int64_t>{11, 8});
  REQUIRE(conversion->size() == 4);
  CHECK(conversion->front().currency == "EUR");
  CHECK(conversion->back().currency.empty());  // the row over all currencies comes last
}

STORE_CONTRACT("report median and p95 time to payment are the nearest ranks of the paid intents' times") {
  const auto planned = drive_plan(s);
  auto times = s.store().reports().payment_times({.batch = "nov"});
  REQUIRE_MESSAGE(times.is_ok(), times.status().to_string());
  std::map<std::string, std::vector<std::int64_t>> paid_after;
  for (const auto& p : planned) {
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
  CHECK(times->back().median_ms == 60'000);  // 10 30 45 60 90 120 300 600 s: rank 4
  CHECK(times->back().p95_ms == 600'000);
}

STORE_CONTRACT("report since/until bound creation time inclusively; batch narrows; orphans carry their ambiguous calls") {
  const auto planned = drive_plan(s);
  auto& queries = s.store().reports();
  const std::int64_t since = *parse_report_time("2026-11-02", false);
  const std::int64_t until = *parse_report_time("2026-11-02", true);
  auto report = queries.report({.since_ms = since, .until_ms = until, .batch = "nov"});
  REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
  auto got = totals_of(report->totals);
  CHECK(got == expected_totals(planned, since, until));
  CHECK(got.size() == 5);  // E-4, E-5 paid; E-9 on hold; U-2 paid, U-3 expired, U-4 awaiting

  REQUIRE(report->orphans.size() == 1);
  CHECK(report->orphans[0].reference_id == "E-9");
  CHECK(report->orphans[0].state == "on_hold");
  CHECK(report->orphans[0].amount == "8.88");
  CHECK(report->orphans[0].amount_minor == 888);
  CHECK(report->orphans[0].currency == "EUR");
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

STORE_CONTRACT("the reporting views agree with the report queries") {
  drive_plan(s);
  auto report = s.store().reports().report({});
  REQUIRE_MESSAGE(report.is_ok(), report.status().to_string());
  CHECK(s.text("SELECT total || ' ' || total_minor FROM v_currency_outcome_totals"
               " WHERE currency = 'KWD' AND outcome = 'failed'") == "1.234 1234");
  CHECK(s.text("SELECT median_ms || ' ' || p95_ms FROM v_time_to_payment WHERE currency = '(all)'") ==
        std::to_string(report->payment_times.back().median_ms) + " " +
            std::to_string(report->payment_times.back().p95_ms));
  CHECK(std::stod(s.text("SELECT conversion_rate FROM v_conversion WHERE currency = '(all)'")) ==
        doctest::Approx(8.0 / 11.0).epsilon(0.0001));
  CHECK(s.number("SELECT sum(total_minor) FROM v_outcome_totals WHERE currency = 'EUR'") ==
        1250 + 705 + 10000 + 99 + 4990 + 1500 + 310 + 2000 + 888 + 100 + 7700);
  const std::string history = "SELECT new_value FROM v_intent_history WHERE reference_id = 'U-1' AND field = 'state'";
  CHECK(s.number("SELECT count(*) FROM (" + history + ") h") == 4);
  std::vector<std::string> states;
  for (int row = 0; row < 4; ++row) {
    states.push_back(s.text(history + " ORDER BY id LIMIT 1 OFFSET " + std::to_string(row)));
  }
  CHECK(states == std::vector<std::string>{"queued", "submitting", "submitted", "settled"});
  CHECK(s.text("SELECT last_error FROM v_failed_intents WHERE reference_id = 'E-8'") ==
        "amount exceeds the merchant limit");
}

STORE_CONTRACT("report totals stay exact where a sum of minor units passes int64 (CLF, 4 digits)") {
  // Each 99999999999999.9999 CLF is 999999999999999999 minor units, just under 10^18: twenty pass INT64_MAX.
  for (int i = 0; i < 20; ++i) s.enqueue("C-" + std::to_string(i), kT0, "99999999999999.9999", "CLF");
  // The premise: SQLite's sum() of these overflows; PostgreSQL's sum of bigints is a numeric and does not.
  const std::string plain_sum = s.error_of("SELECT sum(amount_minor) FROM payment_intents");
  if (s.is_postgres()) {
    CHECK(plain_sum.empty());
  } else {
    CHECK(plain_sum.find("integer overflow") != std::string::npos);
  }
  auto totals = s.store().reports().totals({});
  REQUIRE_MESSAGE(totals.is_ok(), totals.status().to_string());
  REQUIRE(totals->size() == 1);
  CHECK((*totals)[0].intents == 20);
  CHECK((*totals)[0].total_minor == MinorTotal(999'999'999'999'999'999) * 20);
  CHECK((*totals)[0].total_minor > MinorTotal(INT64_MAX));
}

STORE_CONTRACT("daily totals sum exact minor units and show them with the currency's digits") {
  s.enqueue("A", kT0, "0.10", "USD");
  s.enqueue("B", kT0 + kH, "0.20", "USD");
  s.enqueue("C", kT0 + kH, "1.005", "KWD");
  CHECK(s.text("SELECT total FROM v_daily_totals WHERE currency = 'USD'") == "0.30");
  CHECK(s.text("SELECT total FROM v_daily_totals WHERE currency = 'KWD'") == "1.005");
}
