// store/report_queries.h — the figures behind `payq report`, read over the 0002 reporting views in one
// snapshot: totals per currency and outcome, conversion, time to payment, possible orphans. One thread per instance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "payq/status.h"
#include "store/report_time.h"

namespace payq::store {

// Which intents a report covers, by creation time (UTC ms, both bounds inclusive) and batch.
struct ReportFilter {
  std::optional<std::int64_t> since_ms{};
  std::optional<std::int64_t> until_ms{};
  std::optional<std::string> batch{};
};

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
  std::vector<OutcomeTotal> totals;              // by currency, then outcome in the order above
  std::vector<ConversionFigure> conversion;      // per currency with anything settled, then all
  std::vector<PaymentTimeFigure> payment_times;  // per currency with anything paid, then all
  std::vector<OrphanCandidate> orphans;          // in id order
};

class ReportQueries {
 public:
  virtual ~ReportQueries() = default;

  // Every figure from one read snapshot, so totals and rates agree while the daemon writes.
  virtual Result<Report> report(const ReportFilter& filter) = 0;

  virtual Result<std::vector<OutcomeTotal>> totals(const ReportFilter& filter) = 0;
  virtual Result<std::vector<ConversionFigure>> conversion(const ReportFilter& filter) = 0;
  virtual Result<std::vector<PaymentTimeFigure>> payment_times(const ReportFilter& filter) = 0;
  virtual Result<std::vector<OrphanCandidate>> orphans(const ReportFilter& filter) = 0;
};

}  // namespace payq::store
