// cli/import.cpp — `payq import FILE|- [--format csv|jsonl] [--batch B] [--atomic]`: streams a file into
// the database in chunks (or one transaction); rejected lines and lock waits go to stderr as they happen.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "common/clock.h"
#include "importer/importer.h"
#include "store/database.h"

namespace payq::cli {
namespace {

std::optional<importer::Format> choose_format(const std::optional<std::string>& flag, const std::string& file) {
  const std::string name = flag.value_or(file.ends_with(".jsonl") || file.ends_with(".ndjson") ? "jsonl" : "csv");
  if (name == "csv") return importer::Format::kCsv;
  if (name == "jsonl" || name == "ndjson") return importer::Format::kJsonl;
  return std::nullopt;
}

void print_summary(std::ostream& out, const importer::ImportCounts& counts, double seconds) {
  char timing[96];
  std::snprintf(timing, sizeof timing, "%.3f s, %.0f records/s", seconds,
                seconds > 0 ? static_cast<double>(counts.read()) / seconds : 0.0);
  out << "inserted " << counts.inserted << ", already present " << counts.already_present << ", rejected "
      << counts.rejected << " (" << counts.read() << " records in " << timing << ")\n";
}

}  // namespace

int run_import(CommandContext& ctx) {
  ArgParser parser("payq import FILE|- [--format csv|jsonl] [--batch B] [--atomic]",
                   "Store many intents, committed in chunks so the daemon and other writers get the database\n"
                   "between them. Idempotent on reference_id: re-importing a file stores nothing twice, and\n"
                   "completes an import that was interrupted. Rejected lines are listed with their line numbers;\n"
                   "the good lines go in. CSV needs a header row: reference_id,amount,currency,redirect_url[,batch].\n"
                   "Exit 0 only when no line was rejected.");
  parser.positional("FILE", "file to read, or - for standard input")
      .option("format", "F", "csv or jsonl (default: from the file name, else csv)")
      .option("batch", "B", "tag every imported intent with this batch")
      .flag("atomic", "one transaction for the whole file: all or nothing, holding the write lock throughout");
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string file = *parser.positional_value("FILE");
  const auto format = choose_format(parser.value("format"), file);
  if (!format) return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be csv or jsonl"});
  if (auto batch = parser.value("batch")) {
    if (auto valid = validate_batch(*batch); !valid) return fail(ctx.err, valid);
  }
  std::ifstream file_stream;
  if (file != "-") {
    file_stream.open(file, std::ios::binary);
    if (!file_stream) return fail(ctx.err, {StatusCode::kNotFound, "cannot open " + file});
  }
  std::istream& input = file == "-" ? ctx.in : file_stream;
  auto db = open_command_database(ctx.global, /*create=*/true);
  if (!db) return fail(ctx.err, db.status());
  if (Status tuned = store::tune_for_bulk_load(**db); !tuned) return fail(ctx.err, tuned);

  auto reader = *format == importer::Format::kCsv ? importer::make_csv_reader(input) : importer::make_jsonl_reader(input);
  const auto started = std::chrono::steady_clock::now();
  const bool terminal = isatty(STDERR_FILENO) == 1;
  importer::ImportOptions options;
  options.batch = parser.value("batch");
  options.now_ms = to_unix_ms(std::chrono::system_clock::now());
  options.atomic = parser.flag_set("atomic");
  options.on_rejected = [&](const importer::Rejection& r) {
    const std::string lines = std::to_string(r.line) + (r.last_line > r.line ? "-" + std::to_string(r.last_line) : "");
    ctx.err << (terminal ? "\r\033[K" : "") << file << ":" << lines << ": rejected"
            << (r.reference_id.empty() ? "" : " ref=" + terminal_safe(r.reference_id)) << ": " << terminal_safe(r.reason)
            << "\n";
  };
  options.on_waiting = [&](const std::string& message) {
    ctx.err << (terminal ? "\r\033[K" : "") << "payq: warning: " << message << "\n";
  };
  if (terminal) {
    options.on_progress = [&](const importer::ImportCounts& c) {
      ctx.err << "\r\033[K" << c.read() << " records read, " << c.rejected << " rejected" << std::flush;
    };
  }
  SystemClock clock;
  auto counts = importer::import_records(**db, *reader, clock, options);
  if (terminal) ctx.err << "\r\033[K";
  if (!counts) return fail(ctx.err, counts.status());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  print_summary(ctx.out, *counts, elapsed.count());
  return counts->rejected == 0 ? kExitOk : kExitIncomplete;
}

}  // namespace payq::cli
