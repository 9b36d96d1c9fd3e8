// importer/importer.cpp — the import loop: records are read and validated outside any transaction, a chunk
// at a time, then inserted (in the writer's batches) in one transaction per chunk with a pause between chunks, so
// other writers get the lock; a crash leaves whole chunks and a re-run is exact. `atomic`: one transaction.
#include "importer/importer.h"

#include <algorithm>
#include <span>
#include <vector>


namespace payq::importer {
namespace {

using std::chrono::steady_clock;

std::string seconds_text(steady_clock::duration d) {
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(d).count() / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

struct SourceLines {
  std::size_t line = 0;
  std::size_t last_line = 0;
};

class ImportRun {
 public:
  ImportRun(store::IntentWriter& writer, RecordReader& reader, Clock& clock, const ImportOptions& options)
      : writer_(writer), reader_(reader), clock_(clock), options_(options) {}

  Result<ImportCounts> run() {
    if (auto started = reader_.start(); !started) return failure(started);
    last_full_pause_ = clock_.steady_now();
    if (options_.atomic) {
      if (auto began = begin_waiting(); !began) return failure(began);
    }
    while (fill_pending()) {
      if (auto written = write_pending(); !written) return failure(written);
    }
    if (options_.atomic) {
      if (auto committed = writer_.commit(); !committed) return failure(committed);
    }
    return counts_;
  }

 private:
  // Reads records until the next chunk holds max_rows valid ones or the input ends; rejects the bad ones on the
  // way. No transaction is open meanwhile (except with `atomic`). False when the input held no more rows.
  bool fill_pending() {
    pending_.clear();
    pending_lines_.clear();
    Record record;
    while (pending_.size() < options_.chunk.max_rows && reader_.next(record)) {
      if (options_.batch) record.input.batch = options_.batch;
      if (record.error) {
        reject(record.line, record.last_line, record.input.reference_id, *record.error);
      } else if (auto intent = validate_intent(record.input); !intent) {
        reject(record.line, record.last_line, record.input.reference_id, intent.status().message());
      } else {
        pending_.push_back(std::move(intent).value());
        pending_lines_.push_back({record.line, record.last_line});
      }
    }
    return !pending_.empty();
  }

  // Inserts the pending rows: each chunk waits out the pause after the previous one, takes the write lock,
  // inserts until its rows or its writing time run out, and commits.
  Status write_pending() {
    for (std::size_t next = 0; next < pending_.size();) {
      if (options_.atomic) {
        auto inserted = insert_rows(next, steady_clock::time_point::max());
        if (!inserted) return inserted.status();
        next = *inserted;
        continue;
      }
      if (pause_until_) clock_.sleep_until(*pause_until_, {});
      if (auto began = begin_waiting(); !began) return began;
      if (auto noted = note_other_writers(); !noted) return noted;
      const auto began_at = clock_.steady_now();
      auto inserted = insert_rows(next, began_at + options_.chunk.max_writing);
      if (!inserted) return inserted.status();
      next = *inserted;
      if (auto committed = writer_.commit(); !committed) return committed;
      committed_ = counts_;
      plan_pause(clock_.steady_now() - began_at);
      if (options_.on_committed) options_.on_committed(committed_);
    }
    return Status::ok();
  }

  // Called holding the lock: notes whether another writer committed since the previous chunk (in the pause),
  // and whether one did within kContendedFor.
  Status note_other_writers() {
    auto version = writer_.data_version();
    if (!version) return version.status();
    const auto now = clock_.steady_now();
    if (data_version_ && *data_version_ != *version) last_other_commit_ = now;
    data_version_ = *version;
    contended_ = last_other_commit_ && now - *last_other_commit_ < kContendedFor;
    return Status::ok();
  }

  void plan_pause(steady_clock::duration held) {
    const auto now = clock_.steady_now();
    const auto pause = pause_after_chunk(held, contended_, now - last_full_pause_);
    if (pause >= kFullPause) last_full_pause_ = now;
    pause_until_ = now + pause;
    if (options_.on_pause) options_.on_pause(pause);
  }

  // Inserts pending_[from...] until the end or the deadline (at least one batch of the writer's size); returns
  // where it stopped.
  Result<std::size_t> insert_rows(std::size_t from, steady_clock::time_point deadline) {
    const std::span<const Intent> pending(pending_);
    std::size_t next = from;
    do {
      const std::size_t count = std::min(writer_.batch_rows(), pending.size() - next);
      auto outcomes = writer_.insert_all(pending.subspan(next, count), options_.now_ms);
      if (!outcomes) return outcomes.status();
      for (std::size_t i = 0; i < count; ++i) count_outcome(next + i, (*outcomes)[i]);
      next += count;
    } while (next < pending.size() && clock_.steady_now() < deadline);
    return next;
  }

  void count_outcome(std::size_t row, const Result<EnqueueOutcome>& outcome) {
    if (outcome) {
      ++(*outcome == EnqueueOutcome::kInserted ? counts_.inserted : counts_.already_present);
      report_progress();
      return;
    }
    const SourceLines& lines = pending_lines_[row];
    reject(lines.line, lines.last_line, pending_[row].reference_id, outcome.status().message(),
           outcome.status().code() == StatusCode::kConflict);
  }

  // Takes the write lock. Past the connection's busy timeout, says who waits for what and tries again with
  // backoff; gives up only after kLockWaitLimit.
  Status begin_waiting() {
    const auto first_try = clock_.steady_now();
    for (int failed = 1;; ++failed) {
      Status began = writer_.begin();
      if (began.code() != StatusCode::kBusy) return began;
      const auto waited = clock_.steady_now() - first_try;
      if (waited >= kLockWaitLimit) {
        return {StatusCode::kBusy, "another writer kept the database's write lock for " + seconds_text(waited) +
                                       ": giving up (" + began.message() + ")"};
      }
      const auto backoff = lock_retry_backoff(failed);
      if (options_.on_waiting) {
        options_.on_waiting("import waits for the database's write lock, which another writer holds (the daemon, "
                            "a producer or a sqlite3 session): waited " + seconds_text(waited) + ", trying again in " +
                            std::to_string(backoff.count()) + " ms (" + began.message() + ")");
      }
      clock_.sleep_until(clock_.steady_now() + backoff, {});
    }
  }

  void reject(std::size_t line, std::size_t last_line, const std::string& reference_id, std::string reason,
              bool conflict = false) {
    ++counts_.rejected;
    if (options_.on_rejected) options_.on_rejected({line, last_line, reference_id, std::move(reason), conflict});
    report_progress();
  }

  void report_progress() {
    if (options_.on_progress && counts_.read() % kProgressEvery == 0) options_.on_progress(counts_);
  }

  // The failure, and what it leaves stored: nothing, or the chunks committed before it.
  Status failure(const Status& status) const {
    const std::uint64_t stored = committed_.inserted + committed_.already_present;
    if (options_.atomic || stored == 0) return {status.code(), status.message() + "; nothing was imported"};
    return {status.code(), status.message() + "; the chunks committed before it hold " + std::to_string(stored) +
                               " records (inserted " + std::to_string(committed_.inserted) + ", already present " +
                               std::to_string(committed_.already_present) +
                               "): run the same import again to complete it"};
  }

  store::IntentWriter& writer_;
  RecordReader& reader_;
  Clock& clock_;
  const ImportOptions& options_;
  std::vector<Intent> pending_;             // the chunk's valid records
  std::vector<SourceLines> pending_lines_;  // where each of them was read
  ImportCounts counts_;     // every record so far, including the open chunk's
  ImportCounts committed_;  // as of the last commit
  std::optional<steady_clock::time_point> pause_until_;      // the write lock stays free until then
  steady_clock::time_point last_full_pause_;                 // when the last kFullPause began (or the import)
  std::optional<std::int64_t> data_version_;                 // as read at the last chunk's start
  std::optional<steady_clock::time_point> last_other_commit_;  // when another writer was last seen
  bool contended_ = false;                                   // one was seen within kContendedFor
};

}  // namespace

Result<ImportCounts> import_records(store::IntentWriter& writer, RecordReader& reader, Clock& clock,
                                    const ImportOptions& options) {
  ImportRun run(writer, reader, clock, options);
  auto counts = run.run();
  writer.rollback();  // a failed chunk's transaction, if one is still open
  return counts;
}

}  // namespace payq::importer
