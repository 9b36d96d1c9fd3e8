// store/report_queries.h — the figures behind `payq report`, read over the 0002 reporting views in one
// snapshot: totals per currency and outcome, conversion, time to payment, possible orphans. One thread per instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "payq/status.h"

namespace payq::store {

// Which intents a report covers, by creation time (UTC ms, both bounds inclusive) and batch.
struct ReportFilter {
  std::optional<std::int64_t> since_ms{};
  std::optional<std::int64_t> until_ms{};
  std::optional<std::string> batch{};
};

// "2026-11-01" or an ISO 8601 timestamp ("2026-11-01T08:30:00Z", fractions and a ±HH:MM offset allowed;
// no zone means UTC) as UTC ms. A bare date is its first millisecond, or its last when `end_of_day`.
Result<std::int64_t> parse_report_time(std::string_view text, bool end_of_day);

// An exact total of minor units. Wider than int64: ten maximal CLF amounts (14 whole digits and 4 minor ones,
// each just under 10^18 minor units) already add up to more than int64 holds.
__extension__ using MinorTotal = __int128;

// Outcomes as v_intent_outcomes names them: paid, expired, cancelled (by the partner),
// cancelled_before_submit, failed, on_hold, awaiting_payment, submitting, queued.
struct OutcomeTotal {
  std::string currency;
  int minor_digits = 0;
  std::string outcome;
  std::int64_t intents = 0;
  MinorTotal total_minor = 0;
};

// Paid over settled by the partner; currency is empty for the row over all currencies.
struct ConversionFigure {
  std::string currency;
  std::int64_t settled = 0;
  std::int64_t paid = 0;
};

// Nearest-rank median and p95 of creation-to-payment times; currency empty for all currencies.
struct PaymentTimeFigure {
  std::string currency;
  std::int64_t paid = 0;
  std::int64_t median_ms = 0;
  std::int64_t p95_ms = 0;
};

// An intent with an ambiguous attempt: the partner may hold a request payq never recorded.
struct OrphanCandidate {
  std::string reference_id;
  std::string state;
  std::string amount;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::optional<std::string> remote_id{};
  std::int64_t ambiguous_attempts = 0;  // flagged api_calls still kept (pruned by retention)
  std::optional<std::string> last_error{};
};

struct Report {
  std::vector<OutcomeTotal> totals;                 // by currency, then outcome in the order above
  std::vector<ConversionFigure> conversion;         // per currency with anything settled, then all
  std::vector<PaymentTimeFigure> payment_times;     // per currency with anything paid, then all
  std::vector<OrphanCandidate> orphans;             // in id order
};

class ReportQueries {
 public:
  explicit ReportQueries(SQLite::Database& db) : db_(db) {}

  // Every figure from one read snapshot, so totals and rates agree while the daemon writes.
  Result<Report> report(const ReportFilter& filter);

  Result<std::vector<OutcomeTotal>> totals(const ReportFilter& filter);
  Result<std::vector<ConversionFigure>> conversion(const ReportFilter& filter);
  Result<std::vector<PaymentTimeFigure>> payment_times(const ReportFilter& filter);
  Result<std::vector<OrphanCandidate>> orphans(const ReportFilter& filter);

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
