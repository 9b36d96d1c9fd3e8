// daemon/logging.cpp — the text and JSON line sinks, level parsing and journal detection. A record about an intent
// (common/intent_log.h) shows its fields as "ref=… remote_id=…" in text and as keys in JSON. Sinks format a whole
// line, then write it under spdlog's sink mutex, so lines from threads never interleave.
#include "daemon/logging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>

#include "common/intent_log.h"
#include "common/time_format.h"
#include "daemon/journal_sink.h"

namespace payq::daemon {
namespace {

constexpr std::array<std::string_view, 7> kLevelNames = {"trace", "debug", "info", "warn",
                                                         "error", "critical", "off"};
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::string_view level_name(spdlog::level::level_enum level) {
  return kLevelNames.at(static_cast<std::size_t>(level));
}

std::string timestamp(const spdlog::details::log_msg& msg) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch());
  return format_utc_ms(ms.count());
}

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629: no overlongs, no surrogates), or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = at(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > s.size() || at(i + 1) < low || at(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Messages can carry bytes from the partner verbatim; JSON must stay valid UTF-8 whatever they are.
std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = utf8_length(s, i);
    out.append(length == 0 ? kReplacement : s.substr(i, length));
    i += length == 0 ? 1 : length;
  }
  return out;
}

std::string_view payload_of(const spdlog::details::log_msg& msg) { return {msg.payload.data(), msg.payload.size()}; }

void write_string(rapidjson::Writer<rapidjson::StringBuffer>& writer, const char* key, std::string_view value) {
  const std::string text = valid_utf8(value);
  writer.Key(key);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// {"ts":…,"level":…[,"reference":…][,"remote_id":…],"msg":…}: an intent's ids are keys, not part of msg.
std::string json_line(const spdlog::details::log_msg& msg) {
  const std::optional<IntentRecord> record = split_intent_record(payload_of(msg));
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  write_string(writer, "ts", timestamp(msg));
  write_string(writer, "level", level_name(msg.level));
  if (record && !record->fields.reference.empty()) write_string(writer, "reference", record->fields.reference);
  if (record && !record->fields.remote_id.empty()) write_string(writer, "remote_id", record->fields.remote_id);
  write_string(writer, "msg", record ? record->message : payload_of(msg));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

// One record, one line: a newline inside a message would read as a second record (and journald splits it).
std::string text_line(const spdlog::details::log_msg& msg) {
  std::string line = timestamp(msg) + " ";
  const std::string_view level = level_name(msg.level);
  line.append(level).append(level.size() < 5 ? 6 - level.size() : 1, ' ');
  const std::optional<IntentRecord> record = split_intent_record(payload_of(msg));
  const std::string text = record ? intent_text(record->fields, record->message) : std::string(payload_of(msg));
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      line += "\\n";
    } else if (c == '\r') {
      line += "\\r";
    } else if ((byte < 0x20 && c != '\t') || byte == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      line += escaped;
    } else {
      line += c;
    }
  }
  return line + "\n";
}

class LineSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  LineSink(std::ostream& out, config::LogFormat format) : out_(out), format_(format) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string line = format_ == config::LogFormat::kJson ? json_line(msg) : text_line(msg);
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    out_.flush();  // a record must be out before a crash, not sitting in a buffer
  }
  void flush_() override { out_.flush(); }

 private:
  std::ostream& out_;  // guarded by the base_sink mutex
  const config::LogFormat format_;
};

}  // namespace

Result<spdlog::level::level_enum> parse_log_level(std::string_view name) {
  if (name == "warning") return spdlog::level::warn;
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<spdlog::level::level_enum>(i);
  }
  return Status(StatusCode::kInvalidArgument,
                "log level \"" + std::string(name) + "\": expected trace, debug, info, warn, error, critical or off");
}

bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  unsigned long long device = 0;
  unsigned long long inode = 0;
  if (stream == nullptr || std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == device && static_cast<unsigned long long>(st.st_ino) == inode;
}

Result<std::shared_ptr<spdlog::logger>> make_logger(const LogSettings& settings, std::ostream& out) {
  const auto level = parse_log_level(settings.level);
  if (!level.is_ok()) return level.status();
  const bool journald = settings.journald.value_or(stderr_is_journal());
  try {
    spdlog::sink_ptr sink;
    if (journald && settings.format == config::LogFormat::kText) {
      sink = std::make_shared<JournalSink>(send_to_journal);
    } else {
      sink = std::make_shared<LineSink>(out, settings.format);
    }
    auto logger = std::make_shared<spdlog::logger>("payq", std::move(sink));
    logger->set_level(*level);
    return logger;
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("create logger: ") + e.what());
  }
}

Status configure_logging(const LogSettings& settings, std::ostream& out) {
  auto logger = make_logger(settings, out);
  if (!logger.is_ok()) return logger.status();
  spdlog::set_default_logger(std::move(logger).value());
  return Status::ok();
}

void reopen_logs() {
  if (auto logger = spdlog::default_logger()) logger->flush();
}

Status set_log_level(std::string_view level) {
  auto parsed = parse_log_level(level);
  if (!parsed) return parsed.status();
  spdlog::default_logger()->set_level(*parsed);
  return Status::ok();
}

}  // namespace payq::daemon
