// store/sqlite/sqlite_report_queries.cpp — SELECTs over v_intent_outcomes (migrations/0002_reporting.sql) with the
// report's filters bound as parameters, so `payq report` and the views a person queries define outcomes the same
// way.
#include "store/sqlite/sqlite_report_queries.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {
namespace {

std::string where_clause(const ReportFilter& filter, std::string_view first = "1") {
  std::string sql = " WHERE " + std::string(first);
  if (filter.since_ms) sql += " AND created_at_ms >= :since";
  if (filter.until_ms) sql += " AND created_at_ms <= :until";
  if (filter.batch) sql += " AND batch = :batch";
  return sql;
}

void bind_filter(SQLite::Statement& q, const ReportFilter& filter) {
  if (filter.since_ms) q.bind(":since", *filter.since_ms);
  if (filter.until_ms) q.bind(":until", *filter.until_ms);
  if (filter.batch) q.bind(":batch", *filter.batch);
}

constexpr const char* kOutcomeOrder =
    "CASE outcome WHEN 'paid' THEN 1 WHEN 'expired' THEN 2 WHEN 'cancelled' THEN 3"
    " WHEN 'cancelled_before_submit' THEN 4 WHEN 'failed' THEN 5 WHEN 'on_hold' THEN 6"
    " WHEN 'awaiting_payment' THEN 7 WHEN 'submitting' THEN 8 WHEN 'queued' THEN 9 ELSE 10 END";

// Every amount_minor is below 10^18, so each part is below 10^9 and neither part's sum can overflow int64 before
// about 9 billion intents; SQLite's plain sum() of amount_minor overflows after ten maximal CLF amounts.
constexpr std::int64_t kMinorSplit = 1'000'000'000;

// SQLite raises "integer overflow" rather than wrapping; say what overflowed and what to do about it.
Status sum_error(const std::exception& e, std::string_view what) {
  if (std::string_view(e.what()).find("integer overflow") != std::string_view::npos) {
    return {StatusCode::kDatabase, std::string(what) + ": an amount total is too large to add up (integer overflow); "
                                   "narrow the report with --since, --until or --batch"};
  }
  return to_status(e, what);
}

std::optional<std::string> optional_text(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::string>(c.getString());
}

}  // namespace

Result<Report> SqliteReportQueries::report(const ReportFilter& filter) {
  try {
    SQLite::Transaction snapshot(db_, SQLite::TransactionBehavior::DEFERRED);
    Report out;
    auto totals_found = totals(filter);
    if (!totals_found) return totals_found.status();
    out.totals = std::move(totals_found).value();
    auto conversion_found = conversion(filter);
    if (!conversion_found) return conversion_found.status();
    out.conversion = std::move(conversion_found).value();
    auto times_found = payment_times(filter);
    if (!times_found) return times_found.status();
    out.payment_times = std::move(times_found).value();
    auto orphans_found = orphans(filter);
    if (!orphans_found) return orphans_found.status();
    out.orphans = std::move(orphans_found).value();
    snapshot.commit();  // nothing was written; ends the read transaction
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "report");
  }
}

Result<std::vector<OutcomeTotal>> SqliteReportQueries::totals(const ReportFilter& filter) {
  try {
    const std::string split = std::to_string(kMinorSplit);
    SQLite::Statement q(db_, "SELECT currency, minor_digits, outcome, count(*), sum(amount_minor / " + split +
                                 "), sum(amount_minor % " + split + ") FROM v_intent_outcomes" + where_clause(filter) +
                                 " GROUP BY currency, outcome ORDER BY currency, " + kOutcomeOrder + ", outcome");
    bind_filter(q, filter);
    std::vector<OutcomeTotal> out;
    while (q.executeStep()) {
      const MinorTotal total = MinorTotal(q.getColumn(4).getInt64()) * kMinorSplit + q.getColumn(5).getInt64();
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                     q.getColumn(3).getInt64(), total});
    }
    return out;
  } catch (const std::exception& e) {
    return sum_error(e, "report totals");
  }
}

Result<std::vector<ConversionFigure>> SqliteReportQueries::conversion(const ReportFilter& filter) {
  try {
    const std::string settled = where_clause(filter, "outcome IN ('paid', 'expired', 'cancelled')");
    SQLite::Statement q(db_, "SELECT * FROM (SELECT currency, count(*) AS settled, sum(outcome = 'paid')"
                             " FROM v_intent_outcomes" + settled + " GROUP BY currency UNION ALL"
                             " SELECT '', count(*), coalesce(sum(outcome = 'paid'), 0) FROM v_intent_outcomes" +
                                 settled + ") ORDER BY currency = '', currency");
    bind_filter(q, filter);
    std::vector<ConversionFigure> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "report conversion");
  }
}

Result<std::vector<PaymentTimeFigure>> SqliteReportQueries::payment_times(const ReportFilter& filter) {
  try {
    // Nearest rank, as in v_time_to_payment: rank ceil(n/2) for the median, ceil(0.95 n) for p95.
    SQLite::Statement q(
        db_, "WITH paid AS (SELECT currency, paid_at_ms - created_at_ms AS ms FROM v_intent_outcomes" +
                 where_clause(filter, "outcome = 'paid'") +
                 "), ranked AS (SELECT currency, ms, row_number() OVER (PARTITION BY currency ORDER BY ms) AS rn,"
                 " count(*) OVER (PARTITION BY currency) AS n FROM paid UNION ALL"
                 " SELECT '', ms, row_number() OVER (ORDER BY ms), count(*) OVER () FROM paid)"
                 " SELECT currency, n, max(CASE WHEN rn = (n + 1) / 2 THEN ms END),"
                 " max(CASE WHEN rn = (95 * n + 99) / 100 THEN ms END)"
                 " FROM ranked GROUP BY currency ORDER BY currency = '', currency");
    bind_filter(q, filter);
    std::vector<PaymentTimeFigure> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "report time to payment");
  }
}

Result<std::vector<OrphanCandidate>> SqliteReportQueries::orphans(const ReportFilter& filter) {
  try {
    SQLite::Statement q(db_, "SELECT reference_id, state, amount, amount_minor, currency, remote_id,"
                             " (SELECT count(*) FROM api_calls a WHERE a.intent_id = o.id AND a.ambiguous = 1),"
                             " last_error FROM v_intent_outcomes o" +
                                 where_clause(filter, "ambiguous = 1") + " ORDER BY id");
    bind_filter(q, filter);
    std::vector<OrphanCandidate> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getInt64(), q.getColumn(4).getString(), optional_text(q.getColumn(5)),
                     q.getColumn(6).getInt64(), optional_text(q.getColumn(7))});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "report possible orphans");
  }
}

}  // namespace payq::store
