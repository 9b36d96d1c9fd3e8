// store/sqlite/sqlite_report_queries.h — ReportQueries on SQLite: every report figure read over the reporting views
// in one read transaction. Read-only; one instance per connection, one thread.
#pragma once

#include <SQLiteCpp/Database.h>

#include "store/report_queries.h"

namespace payq::store {

class SqliteReportQueries final : public ReportQueries {
 public:
  explicit SqliteReportQueries(SQLite::Database& db) : db_(db) {}
  Result<Report> report(const ReportFilter& filter) override;
  Result<std::vector<OutcomeTotal>> totals(const ReportFilter& filter) override;
  Result<std::vector<ConversionFigure>> conversion(const ReportFilter& filter) override;
  Result<std::vector<PaymentTimeFigure>> payment_times(const ReportFilter& filter) override;
  Result<std::vector<OrphanCandidate>> orphans(const ReportFilter& filter) override;

 private:
  SQLite::Database& db_;
};

}  // namespace payq::store
