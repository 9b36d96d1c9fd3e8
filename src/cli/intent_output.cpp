// cli/intent_output.cpp — the list/show renderers. Field names and order are a contract with scripts:
// the JSON keys and CSV columns below are documented in the README and only ever extended.
#include "cli/intent_output.h"
#include "cli/json_writer.h"

#include <algorithm>
#include <array>
#include <ostream>
#include <string>

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "common/time_format.h"

namespace payq::cli {
namespace {


// Length of the well-formed UTF-8 sequence at the start of `text` (1 to 4), or 0 when it is not one.
std::size_t utf8_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  if (length == 0 || text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
  }
  if ((lead == 0xE0 && byte(1) < 0xA0) || (lead == 0xED && byte(1) > 0x9F) || (lead == 0xF0 && byte(1) < 0x90) ||
      (lead == 0xF4 && byte(1) > 0x8F)) {
    return 0;  // overlong, surrogate or beyond U+10FFFF
  }
  return length;
}

void append_hex(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0x0f];
}

void write_intent_fields(JsonWriter& w, const store::IntentRecord& r) {
  w.Key("reference_id"); w.String(r.reference_id.c_str());
  w.Key("state"); w.String(r.state.c_str());
  w.Key("amount"); w.String(r.amount.c_str());
  w.Key("amount_minor"); w.Int64(r.amount_minor);
  w.Key("currency"); w.String(r.currency.c_str());
  w.Key("redirect_url"); w.String(r.redirect_url.c_str());
  w.Key("batch"); write_json_optional(w, r.batch);
  w.Key("remote_id"); write_json_optional(w, r.remote_id);
  w.Key("remote_status"); write_json_optional(w, r.remote_status);
  w.Key("attempts"); w.Int64(r.attempts);
  w.Key("throttled"); w.Int64(r.throttled);
  w.Key("polls"); w.Int64(r.polls);
  w.Key("ambiguous"); w.Bool(r.ambiguous);
  w.Key("last_error"); write_json_optional(w, r.last_error);
  w.Key("created_at"); w.String(format_utc_ms(r.created_at).c_str());
  w.Key("updated_at"); w.String(format_utc_ms(r.updated_at).c_str());
  w.Key("settled_at");
  write_json_optional(w, r.settled_at ? std::optional(format_utc_ms(*r.settled_at)) : std::nullopt);
  w.Key("payment_url"); write_json_optional(w, r.payment_url);
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

class JsonListWriter final : public IntentListWriter {
 public:
  explicit JsonListWriter(std::ostream& out) : out_(out), stream_(out), writer_(stream_) { writer_.StartArray(); }
  void row(const store::IntentRecord& intent) override {
    writer_.StartObject();
    write_intent_fields(writer_, intent);
    writer_.EndObject();
  }
  void finish() override {
    writer_.EndArray();
    stream_.Flush();
    out_ << "\n";
  }

 private:
  std::ostream& out_;
  rapidjson::OStreamWrapper stream_;
  JsonWriter writer_;
};

class CsvListWriter final : public IntentListWriter {
 public:
  explicit CsvListWriter(std::ostream& out) : out_(out) {
    out_ << "reference_id,state,amount,amount_minor,currency,redirect_url,batch,remote_id,remote_status,"
            "attempts,throttled,polls,ambiguous,last_error,created_at,updated_at,settled_at,payment_url\n";
  }
  void row(const store::IntentRecord& r) override {
    out_ << csv_field(r.reference_id) << ',' << r.state << ',' << r.amount << ',' << r.amount_minor << ','
         << r.currency << ',' << csv_field(r.redirect_url) << ',' << csv_field(r.batch.value_or("")) << ','
         << csv_field(r.remote_id.value_or("")) << ',' << csv_field(r.remote_status.value_or("")) << ','
         << r.attempts << ',' << r.throttled << ',' << r.polls << ',' << (r.ambiguous ? "true" : "false") << ','
         << csv_field(r.last_error.value_or("")) << ',' << format_utc_ms(r.created_at) << ','
         << format_utc_ms(r.updated_at) << ',' << (r.settled_at ? format_utc_ms(*r.settled_at) : "") << ','
         << csv_field(r.payment_url.value_or("")) << '\n';
  }
  void finish() override { out_.flush(); }

 private:
  std::ostream& out_;
};

class TableListWriter final : public IntentListWriter {
 public:
  explicit TableListWriter(std::ostream& out) : out_(out) {
    rows_.push_back({"REFERENCE", "STATE", "AMOUNT", "CURRENCY", "REMOTE STATUS", "ATTEMPTS", "BATCH", "CREATED"});
  }
  void row(const store::IntentRecord& r) override {
    rows_.push_back({terminal_safe(r.reference_id), r.state + (r.ambiguous ? "*" : ""), terminal_safe(r.amount),
                     terminal_safe(r.currency), terminal_safe(r.remote_status.value_or("-")),
                     std::to_string(r.attempts), terminal_safe(r.batch.value_or("-")), format_utc_ms(r.created_at)});
  }
  void finish() override {
    std::array<std::size_t, 8> width{};
    for (const auto& row : rows_) {
      for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    }
    for (const auto& row : rows_) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        const bool numeric = i == 2 || i == 5;  // right-align amounts and counts
        const std::string pad(width[i] - row[i].size(), ' ');
        line += numeric ? pad + row[i] : row[i] + (i + 1 < row.size() ? pad : "");
        if (i + 1 < row.size()) line += "  ";
      }
      out_ << line << "\n";
    }
    out_ << (rows_.size() - 1) << " intent(s)";
    if (std::any_of(rows_.begin() + 1, rows_.end(), [](const auto& row) { return row[1].ends_with("*"); })) {
      out_ << "; * = an attempt had an ambiguous outcome (a request may exist at the partner)";
    }
    out_ << "\n";
  }

 private:
  std::ostream& out_;
  std::vector<std::array<std::string, 8>> rows_;
};

}  // namespace

std::string terminal_safe(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto c = static_cast<unsigned char>(text.front());
    const std::size_t length = utf8_length(text);
    const bool c1_control = length == 2 && c == 0xC2 && static_cast<unsigned char>(text[1]) < 0xA0;
    if (length == 0 || c1_control || (c < 0x20 && !(keep_newlines && c == '\n')) || c == 0x7F) {
      append_hex(out, c);
      text.remove_prefix(1);
      continue;
    }
    out.append(text.substr(0, length));
    text.remove_prefix(length);
  }
  return out;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return std::nullopt;
}

std::unique_ptr<IntentListWriter> make_intent_list_writer(OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kTable: return std::make_unique<TableListWriter>(out);
    case OutputFormat::kJson: return std::make_unique<JsonListWriter>(out);
    case OutputFormat::kCsv: return std::make_unique<CsvListWriter>(out);
  }
  return nullptr;
}

void print_intent_detail(std::ostream& out, const store::IntentRecord& r,
                         const std::vector<store::TransitionRecord>& transitions) {
  const auto line = [&](std::string_view key, const std::string& value) {
    out << key << std::string(16 - key.size(), ' ') << terminal_safe(value) << "\n";
  };
  line("reference_id", r.reference_id);
  line("state", r.state);
  line("amount", r.amount + " " + r.currency + " (" + std::to_string(r.amount_minor) + " minor units)");
  line("redirect_url", r.redirect_url);
  line("batch", r.batch.value_or("-"));
  line("remote_id", r.remote_id.value_or("-"));
  line("remote_status", r.remote_status.value_or("-"));
  line("payment_url", r.payment_url.value_or("-"));
  line("attempts", std::to_string(r.attempts) + " (+" + std::to_string(r.throttled) + " answered 429)");
  line("polls", std::to_string(r.polls));
  line("ambiguous", r.ambiguous ? "yes: a payment request may exist at the partner" : "no");
  line("last_error", r.last_error.value_or("-"));
  line("created_at", format_utc_ms(r.created_at));
  line("updated_at", format_utc_ms(r.updated_at));
  if (r.next_attempt_at) line("next_attempt_at", format_utc_ms(*r.next_attempt_at));
  if (r.next_poll_at) line("next_poll_at", format_utc_ms(*r.next_poll_at));
  if (r.settled_at) line("settled_at", format_utc_ms(*r.settled_at));
  out << "\ntransitions:\n";
  for (const auto& t : transitions) {
    out << "  " << format_utc_ms(t.at) << "  " << t.field << ": " << terminal_safe(t.old_value.value_or("-"))
        << " -> " << terminal_safe(t.new_value.value_or("-")) << "  (" << terminal_safe(t.observed_by)
        << (t.detail ? ": " + terminal_safe(*t.detail) : "") << ")\n";
  }
}

void print_intent_detail_json(std::ostream& out, const store::IntentRecord& intent,
                              const std::vector<store::TransitionRecord>& transitions) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  write_intent_fields(w, intent);
  w.Key("remote_payload");
  write_json_optional(w, intent.remote_payload);
  w.Key("transitions");
  w.StartArray();
  for (const auto& t : transitions) {
    w.StartObject();
    w.Key("field"); w.String(t.field.c_str());
    w.Key("from"); write_json_optional(w, t.old_value);
    w.Key("to"); write_json_optional(w, t.new_value);
    w.Key("at"); w.String(format_utc_ms(t.at).c_str());
    w.Key("observed_by"); w.String(t.observed_by.c_str());
    w.Key("detail"); write_json_optional(w, t.detail);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << "\n";
}

}  // namespace payq::cli
