// store/postgres/pg_report_queries.h — ReportQueries on PostgreSQL: every report figure read over the reporting
// views; report() reads them all in one REPEATABLE READ, read-only snapshot. One instance per session, one thread.
#pragma once

#include <pqxx/connection>

#include "store/report_queries.h"

namespace payq::store::postgres {

class PgReportQueries final : public ReportQueries {
 public:
  explicit PgReportQueries(pqxx::connection& session) : session_(session) {}
  Result<Report> report(const ReportFilter& filter) override;
  Result<std::vector<OutcomeTotal>> totals(const ReportFilter& filter) override;
  Result<std::vector<ConversionFigure>> conversion(const ReportFilter& filter) override;
  Result<std::vector<PaymentTimeFigure>> payment_times(const ReportFilter& filter) override;
  Result<std::vector<OrphanCandidate>> orphans(const ReportFilter& filter) override;

 private:
  pqxx::connection& session_;
};

}  // namespace payq::store::postgres
