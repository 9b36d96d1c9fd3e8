// importer/importer.cpp — the import loop: validation outside SQL, one prepared insert per row, one
// IMMEDIATE transaction around all of it, so a crash mid-import stores nothing and a re-run is exact.
#include "importer/importer.h"

#include <SQLiteCpp/Transaction.h>

#include "store/intent_writer.h"
#include "store/sqlite_error.h"

namespace payq::importer {
namespace {

bool is_row_problem(StatusCode code) { return code == StatusCode::kInvalidArgument || code == StatusCode::kConflict; }

}  // namespace

Result<ImportCounts> import_records(SQLite::Database& db, RecordReader& reader, const ImportOptions& options) {
  if (auto started = reader.start(); !started) return started;
  try {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    store::IntentWriter writer(db);
    ImportCounts counts;
    Record record;
    const auto reject = [&](std::string reason) {
      ++counts.rejected;
      if (options.on_rejected) options.on_rejected({record.line, record.input.reference_id, std::move(reason)});
    };
    while (reader.next(record)) {
      if (options.batch) record.input.batch = options.batch;
      if (record.error) {
        reject(*record.error);
      } else if (auto intent = validate_intent(record.input); !intent) {
        reject(intent.status().message());
      } else if (auto outcome = writer.insert(*intent, options.now_ms); !outcome) {
        if (!is_row_problem(outcome.status().code())) return outcome.status();
        reject(outcome.status().message());
      } else if (*outcome == EnqueueOutcome::kInserted) {
        ++counts.inserted;
      } else {
        ++counts.already_present;
      }
      if (options.on_progress && counts.read() % kProgressEvery == 0) options.on_progress(counts);
    }
    transaction.commit();
    return counts;
  } catch (const std::exception& e) {
    return store::to_status(e, "import");
  }
}

}  // namespace payq::importer
