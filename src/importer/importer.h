// importer/importer.h — drives `payq import`: reads and validates records, inserts the good ones in chunks, each
// its own IMMEDIATE transaction (or all in one with `atomic`), and reports every rejection as it happens.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "common/clock.h"
#include "importer/import_pacing.h"
#include "importer/record_reader.h"
#include "payq/status.h"
#include "store/intent_writer.h"

namespace payq::importer {

struct ImportCounts {
  std::uint64_t inserted = 0;
  std::uint64_t already_present = 0;
  std::uint64_t rejected = 0;
  std::uint64_t read() const { return inserted + already_present + rejected; }
};

struct Rejection {
  std::size_t line = 0;
  std::size_t last_line = 0;  // > line when the record took several lines
  std::string reference_id;  // may be empty when the line could not be read
  std::string reason;
  bool conflict = false;  // the reference is stored with other content (else the record itself is invalid)
};

struct ImportOptions {
  std::optional<std::string> batch;  // tags every row, replacing any batch column value
  std::int64_t now_ms = 0;           // created_at of the inserted rows
  std::function<void(const Rejection&)> on_rejected;
  std::function<void(const ImportCounts&)> on_progress;  // called every kProgressEvery records
  // One transaction for the whole input: all or nothing, holding the write lock throughout (`--atomic`).
  bool atomic = false;
  ChunkLimits chunk;
  // A wait for the write lock another writer holds, as it happens ("waiting for ... ").
  std::function<void(const std::string&)> on_waiting;
  // After each chunk's commit, with the totals committed so far (tests; a caller's own bookkeeping).
  std::function<void(const ImportCounts&)> on_committed;
  // The pause planned after each chunk's commit (tests).
  std::function<void(std::chrono::milliseconds)> on_pause;
};

inline constexpr std::uint64_t kProgressEvery = 50'000;

// A kConflict/kInvalidArgument row is a rejection, not a failure. A failure (the database, or the write lock
// still taken after kLockWaitLimit) rolls back the open chunk; the chunks committed before it stay, the message
// says how many rows they hold, and a re-run of the same input completes the import exactly (rows already
// stored count as already present). With `atomic`, a failure stores nothing. `clock` paces chunks and waits.
Result<ImportCounts> import_records(store::IntentWriter& writer, RecordReader& reader, Clock& clock,
                                    const ImportOptions& options);

}  // namespace payq::importer
