// cli/import.cpp — `payq import FILE|- [--input-format csv|jsonl] [--batch B] [--atomic] [--format text|json]`:
// streams a file into the database in chunks (or one transaction); lock waits go to stderr as they happen, and
// cli/import_report.h prints the rejected lines and the outcome.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <ostream>

#include "cli/arg_parser.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/import_report.h"
#include "cli/intent_output.h"
#include "common/clock.h"
#include "importer/importer.h"
#include "store/connection.h"

namespace payq::cli {
namespace {

std::optional<importer::Format> format_named(const std::string& name) {
  if (name == "csv") return importer::Format::kCsv;
  if (name == "jsonl" || name == "ndjson") return importer::Format::kJsonl;
  return std::nullopt;
}

struct ImportFormats {
  importer::Format input = importer::Format::kCsv;
  bool json = false;  // the output
};

// --input-format, else the file name (.jsonl/.ndjson), else CSV. --format csv|jsonl, the older spelling of
// --input-format, still names the input; --format text|json names the output.
Result<ImportFormats> choose_formats(const ArgParser& parser, const std::string& file) {
  ImportFormats formats;
  std::optional<std::string> input = parser.value("input-format");
  if (auto format = parser.value("format")) {
    if (*format == "json" || *format == "text") {
      formats.json = *format == "json";
    } else if (format_named(*format)) {
      if (!input) input = *format;
    } else {
      return Status{StatusCode::kInvalidArgument, "--format: '" + *format + "' is not text or json"};
    }
  }
  const std::string name = input.value_or(file.ends_with(".jsonl") || file.ends_with(".ndjson") ? "jsonl" : "csv");
  const auto chosen = format_named(name);
  if (!chosen) return Status{StatusCode::kInvalidArgument, "--input-format: '" + name + "' is not csv or jsonl"};
  formats.input = *chosen;
  return formats;
}

}  // namespace

ArgParser import_parser() {
  ArgParser parser("payq import FILE|- [--input-format csv|jsonl] [--batch B] [--atomic] [--format text|json]",
                   "Store many intents, committed in chunks so the daemon and other writers get the database\n"
                   "between them. Idempotent on reference_id: re-importing a file stores nothing twice, and\n"
                   "completes an import that was interrupted. Rejected lines are listed with their line numbers;\n"
                   "the good lines go in. CSV needs a header row: reference_id,amount,currency,redirect_url[,batch].\n"
                   "Exit 0 only when no line was rejected.");
  parser.positional("FILE", "file to read, or - for standard input")
      .option("input-format", "F", "csv or jsonl (default: from the file name, else csv)", {"csv", "jsonl"})
      .option("batch", "B", "tag every imported intent with this batch")
      .flag("atomic", "one transaction for the whole file: all or nothing, holding the write lock throughout")
      .option("format", "F", "text (default) or json: one object with the counts and every rejected line",
              {"text", "json"});
  return parser;
}

int run_import(CommandContext& ctx) {
  ArgParser parser = import_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const std::string file = *parser.positional_value("FILE");
  const auto formats = choose_formats(parser, file);
  if (!formats) return fail(ctx.err, formats.status());
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
  if (Status tuned = (*db)->prepare_for_bulk_load(); !tuned) return fail(ctx.err, tuned);

  const bool csv = formats->input == importer::Format::kCsv;
  auto reader = csv ? importer::make_csv_reader(input) : importer::make_jsonl_reader(input);
  const auto started = std::chrono::steady_clock::now();
  const bool terminal = isatty(STDERR_FILENO) == 1;
  importer::ImportOptions options;
  options.batch = parser.value("batch");
  options.now_ms = to_unix_ms(std::chrono::system_clock::now());
  options.atomic = parser.flag_set("atomic");
  ImportReport report({.file = file, .input_format = csv ? "csv" : "jsonl", .batch = options.batch,
                       .atomic = options.atomic},
                      formats->json, terminal, ctx.out, ctx.err);
  options.on_rejected = [&](const importer::Rejection& r) { report.add(r); };
  options.on_waiting = [&](const std::string& message) {
    ctx.err << (terminal ? "\r\033[K" : "") << "payq: warning: " << message << "\n";
  };
  if (terminal) {
    options.on_progress = [&](const importer::ImportCounts& c) {
      ctx.err << "\r\033[K" << c.read() << " records read, " << c.rejected << " rejected" << std::flush;
    };
  }
  SystemClock clock;
  auto counts = importer::import_records((*db)->intent_writer(), *reader, clock, options);
  if (terminal) ctx.err << "\r\033[K";
  if (!counts) return fail(ctx.err, counts.status());
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  const int exit_code = counts->rejected == 0 ? kExitOk : kExitIncomplete;
  report.finish(*counts, elapsed.count(), exit_code);
  return exit_code;
}

}  // namespace payq::cli
