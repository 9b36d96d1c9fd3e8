// importer/importer.h — drives `payq import`: reads records, validates each, inserts the good ones in ONE
// transaction and reports every rejection as it happens (line + reason). Counts are final only after commit.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>

#include "importer/record_reader.h"
#include "payq/status.h"

namespace payq::importer {

struct ImportCounts {
  std::uint64_t inserted = 0;
  std::uint64_t already_present = 0;
  std::uint64_t rejected = 0;
  std::uint64_t read() const { return inserted + already_present + rejected; }
};

struct Rejection {
  std::size_t line = 0;
  std::string reference_id;  // may be empty when the line could not be read
  std::string reason;
};

struct ImportOptions {
  std::optional<std::string> batch;  // tags every row, replacing any batch column value
  std::int64_t now_ms = 0;           // created_at of the inserted rows
  std::function<void(const Rejection&)> on_rejected;
  std::function<void(const ImportCounts&)> on_progress;  // called every kProgressEvery records
};

inline constexpr std::uint64_t kProgressEvery = 50'000;

// Nothing is stored unless the returned Result is ok; a kConflict/kInvalidArgument row is a rejection,
// not a failure. A database failure rolls the whole import back.
Result<ImportCounts> import_records(SQLite::Database& db, RecordReader& reader, const ImportOptions& options);

}  // namespace payq::importer
