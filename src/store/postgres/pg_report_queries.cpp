// store/postgres/pg_report_queries.cpp — SELECTs over v_intent_outcomes (migrations/postgres/0001_init.sql) with the
// report's filters bound as parameters; the same statements as SQLite's, so both stores define outcomes alike.
// Each figure is read inside a transaction its caller owns: report()'s snapshot, or a figure's own.
#include "store/postgres/pg_report_queries.h"

#include <stdexcept>
#include <string>

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"
#include "store/postgres/pg_values.h"

namespace payq::store::postgres {
namespace {

// " WHERE <first> AND …" with the filter's values added to `p`; its placeholders may be used more than once.
std::string where_clause(const ReportFilter& filter, PgParams& p, std::string_view first = "true") {
  std::string sql = " WHERE " + std::string(first);
  if (filter.since_ms) sql += " AND created_at_ms >= " + p.add(*filter.since_ms);
  if (filter.until_ms) sql += " AND created_at_ms <= " + p.add(*filter.until_ms);
  if (filter.batch) sql += " AND batch = " + p.add(*filter.batch);
  return sql;
}

constexpr const char* kOutcomeOrder =
    "CASE outcome WHEN 'paid' THEN 1 WHEN 'expired' THEN 2 WHEN 'cancelled' THEN 3"
    " WHEN 'cancelled_before_submit' THEN 4 WHEN 'failed' THEN 5 WHEN 'on_hold' THEN 6"
    " WHEN 'awaiting_payment' THEN 7 WHEN 'submitting' THEN 8 WHEN 'queued' THEN 9 ELSE 10 END";

// Text sorts byte-wise, as SQLite's BINARY collation does, whatever the database's collation.
constexpr const char* kByteOrder = " COLLATE \"C\"";

// sum(bigint) is NUMERIC on PostgreSQL: exact at any size. Its text is a plain integer, read into MinorTotal.
MinorTotal parse_minor_total(const pqxx::field& f) {
  const std::string text = f.as<std::string>();
  MinorTotal total = 0;
  std::size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') throw std::runtime_error("amount total is not an integer: " + text);
    total = total * 10 + (text[i] - '0');
  }
  return (!text.empty() && text[0] == '-') ? -total : total;
}

std::vector<OutcomeTotal> read_totals(pqxx::transaction_base& tx, const ReportFilter& filter) {
  PgParams p;
  const std::string sql = "SELECT currency, minor_digits, outcome, count(*), sum(amount_minor)"
                          " FROM v_intent_outcomes" + where_clause(filter, p) +
                          " GROUP BY currency, minor_digits, outcome ORDER BY currency" + kByteOrder + ", " +
                          kOutcomeOrder + ", outcome" + kByteOrder;
  std::vector<OutcomeTotal> out;
  for (const auto& r : p.exec(tx, sql)) {
    out.push_back({r[0].as<std::string>(), r[1].as<int>(), r[2].as<std::string>(), r[3].as<std::int64_t>(),
                   parse_minor_total(r[4])});
  }
  return out;
}

std::vector<ConversionFigure> read_conversion(pqxx::transaction_base& tx, const ReportFilter& filter) {
  PgParams p;
  const std::string settled = where_clause(filter, p, "outcome IN ('paid', 'expired', 'cancelled')");
  const std::string sql = "SELECT * FROM (SELECT currency, count(*) AS settled,"
                          " count(*) FILTER (WHERE outcome = 'paid') AS paid FROM v_intent_outcomes" + settled +
                          " GROUP BY currency UNION ALL SELECT '', count(*), count(*) FILTER (WHERE outcome = 'paid')"
                          " FROM v_intent_outcomes" + settled + ") AS figures ORDER BY currency = '', currency" +
                          kByteOrder;
  std::vector<ConversionFigure> out;
  for (const auto& r : p.exec(tx, sql)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>()});
  }
  return out;
}

std::vector<PaymentTimeFigure> read_payment_times(pqxx::transaction_base& tx, const ReportFilter& filter) {
  PgParams p;
  // Nearest rank, as in v_time_to_payment: rank ceil(n/2) for the median, ceil(0.95 n) for p95.
  const std::string sql =
      "WITH paid AS (SELECT currency, paid_at_ms - created_at_ms AS ms FROM v_intent_outcomes" +
      where_clause(filter, p, "outcome = 'paid'") +
      "), ranked AS (SELECT currency, ms, row_number() OVER (PARTITION BY currency ORDER BY ms) AS rn,"
      " count(*) OVER (PARTITION BY currency) AS n FROM paid UNION ALL"
      " SELECT '', ms, row_number() OVER (ORDER BY ms), count(*) OVER () FROM paid)"
      " SELECT currency, n, max(CASE WHEN rn = (n + 1) / 2 THEN ms END),"
      " max(CASE WHEN rn = (95 * n + 99) / 100 THEN ms END)"
      " FROM ranked GROUP BY currency, n ORDER BY currency = '', currency" + kByteOrder;
  std::vector<PaymentTimeFigure> out;
  for (const auto& r : p.exec(tx, sql)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(),
                   r[3].as<std::int64_t>()});
  }
  return out;
}

std::vector<OrphanCandidate> read_orphans(pqxx::transaction_base& tx, const ReportFilter& filter) {
  PgParams p;
  const std::string sql = "SELECT reference_id, state, amount, amount_minor, currency, remote_id,"
                          " (SELECT count(*) FROM api_calls a WHERE a.intent_id = o.id AND a.ambiguous = 1),"
                          " last_error FROM v_intent_outcomes o" + where_clause(filter, p, "ambiguous = 1") +
                          " ORDER BY id";
  std::vector<OrphanCandidate> out;
  for (const auto& r : p.exec(tx, sql)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::int64_t>(), r[4].as<std::string>(), optional_text(r[5]), r[6].as<std::int64_t>(),
                   optional_text(r[7])});
  }
  return out;
}

// One figure in a read-only transaction of its own.
template <typename Read>
auto read_alone(pqxx::connection& session, const ReportFilter& filter, Read read) {
  pqxx::read_transaction tx(session);
  auto out = read(tx, filter);
  tx.commit();
  return out;
}

}  // namespace

Result<Report> PgReportQueries::report(const ReportFilter& filter) {
  try {
    // REPEATABLE READ: every statement sees the snapshot of the first, so totals and rates agree.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> snapshot(session_);
    Report out;
    out.totals = read_totals(snapshot, filter);
    out.conversion = read_conversion(snapshot, filter);
    out.payment_times = read_payment_times(snapshot, filter);
    out.orphans = read_orphans(snapshot, filter);
    snapshot.commit();
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "report");
  }
}

Result<std::vector<OutcomeTotal>> PgReportQueries::totals(const ReportFilter& filter) {
  try {
    return read_alone(session_, filter, read_totals);
  } catch (const std::exception& e) {
    return to_status(e, "report totals");
  }
}

Result<std::vector<ConversionFigure>> PgReportQueries::conversion(const ReportFilter& filter) {
  try {
    return read_alone(session_, filter, read_conversion);
  } catch (const std::exception& e) {
    return to_status(e, "report conversion");
  }
}

Result<std::vector<PaymentTimeFigure>> PgReportQueries::payment_times(const ReportFilter& filter) {
  try {
    return read_alone(session_, filter, read_payment_times);
  } catch (const std::exception& e) {
    return to_status(e, "report time to payment");
  }
}

Result<std::vector<OrphanCandidate>> PgReportQueries::orphans(const ReportFilter& filter) {
  try {
    return read_alone(session_, filter, read_orphans);
  } catch (const std::exception& e) {
    return to_status(e, "report possible orphans");
  }
}

}  // namespace payq::store::postgres
