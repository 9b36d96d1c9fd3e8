// cli/report.cpp — `payq report [--since D] [--until D] [--batch B] [--format table|csv|json]`: totals by currency
// and outcome with exact amounts, conversion, time to payment, failures and possible orphans (store/report_queries.h).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "cli/arg_parser.h"
#include "cli/json_writer.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/intent_output.h"
#include "cli/time_argument.h"
#include "common/clock.h"
#include "common/time_format.h"
#include "payq/intent.h"
#include "store/report_queries.h"

namespace payq::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Figures derived from the queried report that every format prints.
struct Summary {
  std::int64_t failed = 0;
  std::int64_t on_hold = 0;
};

Summary summarize(const store::Report& report) {
  Summary s;
  for (const auto& t : report.totals) {
    if (t.outcome == "failed") s.failed += t.intents;
    if (t.outcome == "on_hold") s.on_hold += t.intents;
  }
  return s;
}

// Rounded to 4 places so JSON and CSV print the same rate as the v_conversion view.
double conversion_rate(const store::ConversionFigure& c) {
  return std::round(10000.0 * static_cast<double>(c.paid) / static_cast<double>(c.settled)) / 10000.0;
}

// The exact decimal digits of a minor-unit total (never negative; may exceed int64).
std::string minor_digits_text(store::MinorTotal total) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(total % 10)));
    total /= 10;
  } while (total > 0);
  return digits;
}

// format_minor for totals: 1999999999999999998 with 4 digits -> "199999999999999.9998".
std::string format_total(store::MinorTotal total, int minor_digits) {
  if (total <= std::numeric_limits<std::int64_t>::max()) {
    return format_minor(static_cast<std::int64_t>(total), minor_digits);
  }
  std::string digits = minor_digits_text(total);  // longer than minor_digits: the point goes inside
  if (minor_digits > 0) digits.insert(digits.size() - static_cast<std::size_t>(minor_digits), 1, '.');
  return digits;
}

std::string fixed(double value, const char* format) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// 850 ms, 12.3 s, 4m 05s, 2h 03m, 3d 04h: short and unambiguous for a person.
std::string human_duration(std::int64_t ms) {
  const auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  const std::int64_t s = ms / 1000;
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (s < 60) return fixed(static_cast<double>(ms) / 1000.0, "%.1f s");
  if (s < 3600) return std::to_string(s / 60) + "m " + two(s % 60) + "s";
  if (s < 86400) return std::to_string(s / 3600) + "h " + two(s / 60 % 60) + "m";
  return std::to_string(s / 86400) + "d " + two(s / 3600 % 24) + "h";
}

// Columns listed in `right` are right-aligned (numbers); the last column is never padded. Cells may quote
// input or the partner (batch, remote id, last error): they are escaped for the terminal first.
void print_table(std::ostream& out, Rows rows, const std::vector<std::size_t>& right) {
  for (auto& row : rows) {
    for (auto& cell : row) cell = terminal_safe(cell);
  }
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(width[i] - row[i].size(), ' ');
      const bool align_right = std::find(right.begin(), right.end(), i) != right.end();
      line += align_right ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
      if (i + 1 < row.size()) line += "  ";
    }
    out << line << "\n";
  }
}

std::string scope_line(const store::ReportFilter& f) {
  std::string scope = "intents created";
  if (f.since_ms) scope += " from " + format_utc_ms(*f.since_ms);
  if (f.until_ms) scope += " until " + format_utc_ms(*f.until_ms);
  if (!f.since_ms && !f.until_ms) scope += " at any time";
  return scope + (f.batch ? ", batch " + terminal_safe(*f.batch) : ", all batches");
}

void print_totals_table(std::ostream& out, const store::Report& report) {
  Rows rows = {{"CURRENCY", "OUTCOME", "INTENTS", "TOTAL"}};
  std::int64_t intents = 0;  // running subtotal of the current currency
  store::MinorTotal minor = 0;
  for (std::size_t i = 0; i < report.totals.size(); ++i) {
    const auto& t = report.totals[i];
    rows.push_back({t.currency, t.outcome, std::to_string(t.intents), format_total(t.total_minor, t.minor_digits)});
    intents += t.intents;
    minor += t.total_minor;
    if (i + 1 < report.totals.size() && report.totals[i + 1].currency == t.currency) continue;
    rows.push_back({t.currency, "(all outcomes)", std::to_string(intents), format_total(minor, t.minor_digits)});
    intents = minor = 0;
  }
  print_table(out, rows, {2, 3});
}

void print_table_report(std::ostream& out, const store::ReportFilter& filter, const store::Report& report) {
  out << "payq report: " << scope_line(filter) << "\n\n";
  if (report.totals.empty()) {
    out << "No intents match.\n";
    return;
  }
  out << "Totals by currency and outcome (exact amounts)\n";
  print_totals_table(out, report);
  out << "\nConversion: paid / settled by the partner (paid, expired or cancelled)\n";
  Rows conversion = {{"CURRENCY", "SETTLED", "PAID", "RATE"}};
  for (const auto& c : report.conversion) {
    conversion.push_back({c.currency.empty() ? "all" : c.currency, std::to_string(c.settled), std::to_string(c.paid),
                          c.settled > 0 ? fixed(100.0 * conversion_rate(c), "%.1f%%") : "-"});
  }
  print_table(out, conversion, {1, 2, 3});
  out << "\nTime from creation to payment\n";
  if (report.payment_times.empty()) out << "nothing paid yet\n";
  Rows times = {{"CURRENCY", "PAID", "MEDIAN", "P95"}};
  for (const auto& t : report.payment_times) {
    times.push_back({t.currency.empty() ? "all" : t.currency, std::to_string(t.paid), human_duration(t.median_ms),
                     human_duration(t.p95_ms)});
  }
  if (!report.payment_times.empty()) print_table(out, times, {1, 2, 3});
  const Summary s = summarize(report);
  out << "\nFailed: " << s.failed << "    On hold: " << s.on_hold << "    Possible orphans: " << report.orphans.size()
      << "\n";
  if (report.orphans.empty()) return;
  out << "\nPossible orphans: an attempt had an ambiguous outcome, so the partner may hold a request payq did not "
         "record\n";
  Rows orphans = {{"REFERENCE", "STATE", "AMOUNT", "CURRENCY", "REMOTE ID", "AMBIGUOUS CALLS", "LAST ERROR"}};
  for (const auto& o : report.orphans) {
    orphans.push_back({o.reference_id, o.state, o.amount, o.currency, o.remote_id.value_or("-"),
                       std::to_string(o.ambiguous_attempts), o.last_error.value_or("-")});
  }
  print_table(out, orphans, {2, 5});
}

void json_conversion(JsonWriter& w, const store::ConversionFigure& c) {
  w.StartObject();
  if (!c.currency.empty()) {
    w.Key("currency"); write_json_string(w, c.currency);
  }
  w.Key("settled"); w.Int64(c.settled);
  w.Key("paid"); w.Int64(c.paid);
  w.Key("rate");
  if (c.settled > 0) {
    w.Double(conversion_rate(c));
  } else {
    w.Null();
  }
  w.EndObject();
}

void json_lists(JsonWriter& w, const store::Report& report) {
  w.Key("totals"); w.StartArray();
  for (const auto& t : report.totals) {
    w.StartObject();
    w.Key("currency"); write_json_string(w, t.currency);
    w.Key("outcome"); write_json_string(w, t.outcome);
    w.Key("intents"); w.Int64(t.intents);
    w.Key("total"); write_json_string(w, format_total(t.total_minor, t.minor_digits));
    const std::string minor = minor_digits_text(t.total_minor);  // an exact JSON number, even beyond int64
    w.Key("total_minor"); w.RawValue(minor.c_str(), minor.size(), rapidjson::kNumberType);
    w.EndObject();
  }
  w.EndArray();
  w.Key("conversion"); w.StartArray();
  for (const auto& c : report.conversion) {
    if (c.currency.empty()) continue;
    json_conversion(w, c);
  }
  w.EndArray();
  w.Key("time_to_payment"); w.StartArray();
  for (const auto& t : report.payment_times) {
    if (t.currency.empty()) continue;
    w.StartObject();
    w.Key("currency"); write_json_string(w, t.currency);
    w.Key("paid"); w.Int64(t.paid);
    w.Key("median_ms"); w.Int64(t.median_ms);
    w.Key("p95_ms"); w.Int64(t.p95_ms);
    w.EndObject();
  }
  w.EndArray();
}

void json_overall(JsonWriter& w, const store::Report& report) {
  w.Key("overall"); w.StartObject();
  w.Key("conversion");
  for (const auto& c : report.conversion) {
    if (!c.currency.empty()) continue;
    json_conversion(w, c);
  }
  w.Key("time_to_payment");
  const auto all = std::find_if(report.payment_times.begin(), report.payment_times.end(),
                                [](const auto& t) { return t.currency.empty(); });
  if (all == report.payment_times.end()) {
    w.Null();
  } else {
    w.StartObject();
    w.Key("paid"); w.Int64(all->paid);
    w.Key("median_ms"); w.Int64(all->median_ms);
    w.Key("p95_ms"); w.Int64(all->p95_ms);
    w.EndObject();
  }
  const Summary s = summarize(report);
  w.Key("failed"); w.Int64(s.failed);
  w.Key("on_hold"); w.Int64(s.on_hold);
  w.Key("possible_orphans"); w.Int64(static_cast<std::int64_t>(report.orphans.size()));
  w.EndObject();
}

void print_json_report(std::ostream& out, const store::ReportFilter& filter, const store::Report& report) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("since");
  write_json_optional(w, filter.since_ms ? std::optional(format_utc_ms(*filter.since_ms)) : std::nullopt);
  w.Key("until");
  write_json_optional(w, filter.until_ms ? std::optional(format_utc_ms(*filter.until_ms)) : std::nullopt);
  w.Key("batch"); write_json_optional(w, filter.batch);
  json_lists(w, report);
  json_overall(w, report);
  w.Key("possible_orphans"); w.StartArray();
  for (const auto& o : report.orphans) {
    w.StartObject();
    w.Key("reference_id"); write_json_string(w, o.reference_id);
    w.Key("state"); write_json_string(w, o.state);
    w.Key("amount"); write_json_string(w, o.amount);
    w.Key("amount_minor"); w.Int64(o.amount_minor);
    w.Key("currency"); write_json_string(w, o.currency);
    w.Key("remote_id"); write_json_optional(w, o.remote_id);
    w.Key("ambiguous_attempts"); w.Int64(o.ambiguous_attempts);
    w.Key("last_error"); write_json_optional(w, o.last_error);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// One fact per row (currency, outcome, metric, value); an empty currency means all currencies.
void print_csv_report(std::ostream& out, const store::Report& report) {
  const auto row = [&](const std::string& currency, const std::string& outcome, const char* metric,
                       const std::string& value) {
    out << currency << ',' << outcome << ',' << metric << ',' << csv_field(value) << '\n';
  };
  out << "currency,outcome,metric,value\n";
  for (const auto& t : report.totals) {
    row(t.currency, t.outcome, "intents", std::to_string(t.intents));
    row(t.currency, t.outcome, "total", format_total(t.total_minor, t.minor_digits));
    row(t.currency, t.outcome, "total_minor", minor_digits_text(t.total_minor));
  }
  for (const auto& c : report.conversion) {
    row(c.currency, "", "settled", std::to_string(c.settled));
    row(c.currency, "", "paid", std::to_string(c.paid));
    row(c.currency, "", "conversion_rate", c.settled > 0 ? fixed(conversion_rate(c), "%.4f") : "");
  }
  for (const auto& t : report.payment_times) {
    row(t.currency, "", "median_ms_to_payment", std::to_string(t.median_ms));
    row(t.currency, "", "p95_ms_to_payment", std::to_string(t.p95_ms));
  }
  const Summary s = summarize(report);
  row("", "", "failed", std::to_string(s.failed));
  row("", "", "on_hold", std::to_string(s.on_hold));
  row("", "", "possible_orphans", std::to_string(report.orphans.size()));
  for (const auto& o : report.orphans) row(o.currency, "", "possible_orphan", o.reference_id);
}

Result<store::ReportFilter> filter_from(const ArgParser& parser) {
  store::ReportFilter filter;
  const std::int64_t now_ms = to_unix_ms(std::chrono::system_clock::now());
  filter.batch = parser.value("batch");
  for (const bool until : {false, true}) {
    const auto text = parser.value(until ? "until" : "since");
    if (!text) continue;
    auto ms = parse_time_argument(*text, until ? TimeBound::kUntil : TimeBound::kSince, now_ms);
    if (!ms) return Status{ms.status().code(), (until ? "--until: " : "--since: ") + ms.status().message()};
    (until ? filter.until_ms : filter.since_ms) = *ms;
  }
  if (filter.since_ms && filter.until_ms && *filter.since_ms > *filter.until_ms) {
    return Status{StatusCode::kInvalidArgument, "--since is later than --until"};
  }
  return filter;
}

}  // namespace

ArgParser report_parser() {
  ArgParser parser("payq report [--since D] [--until D] [--batch B] [--format table|csv|json]",
                   "Totals by currency and outcome with exact amounts, conversion, time to payment, failures and "
                   "possible orphans.\nD is a UTC date (2026-11-01, the whole day), an ISO 8601 time\n"
                   "(2026-11-01T08:30:00Z) or an age (24h, 7d: that long before now).");
  parser.option("since", "D", "only intents created at or after D")
      .option("until", "D", "only intents created at or before D (a date includes its whole day)")
      .option("batch", "B", "only intents tagged with this batch")
      .option("format", "F", "table (default), csv or json", {"table", "csv", "json"});
  return parser;
}

int run_report(CommandContext& ctx) {
  ArgParser parser = report_parser();
  if (auto code = parse_or_exit(parser, ctx.args, ctx.out, ctx.err)) return *code;
  const auto format = parse_output_format(parser.value("format").value_or("table"));
  if (!format) return fail(ctx.err, {StatusCode::kInvalidArgument, "--format must be table, csv or json"});
  const auto filter = filter_from(parser);
  if (!filter) return fail(ctx.err, filter.status());
  auto db = open_read_database(ctx);
  if (!db) return fail(ctx.err, db.status());
  const auto report = (*db)->reports().report(*filter);
  if (!report) return fail(ctx.err, report.status());
  switch (*format) {
    case OutputFormat::kTable: print_table_report(ctx.out, *filter, *report); break;
    case OutputFormat::kJson: print_json_report(ctx.out, *filter, *report); break;
    case OutputFormat::kCsv: print_csv_report(ctx.out, *report); break;
  }
  return kExitOk;
}

}  // namespace payq::cli
