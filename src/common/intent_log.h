// common/intent_log.h — log records about one intent: its reference and remote id travel as structured fields
// (JSON keys, journal fields PAYQ_REFERENCE= / PAYQ_REMOTE_ID=) as well as the readable "ref=… remote_id=…" text.
// Pure encoding plus a thin call into spdlog's default logger; thread-safe as spdlog is. The sinks are daemon/'s.
//
// Why the fields ride inside the message: spdlog records have no fields, and a side channel (a thread_local
// "current intent", a registry keyed by thread) would be global mutable state that a record can outlive or miss.
// So log_intent() prefixes the formatted text with a reserved header, kFieldsMark REFERENCE kValueEnd REMOTE_ID
// kFieldsMark, which no other record can start with (messages are our format strings, and field values have their
// control bytes replaced). The record then takes spdlog's ordinary path (level, sinks, their mutexes), and each
// payq sink calls split_intent_record() to strip the header and place the fields: text renders the prefix, JSON
// adds keys, the journal adds fields. A sink that does not know the header prints it as two control bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <spdlog/spdlog.h>

namespace payq {

// Which intent a record is about; an empty member is left out everywhere (no remote id before the create).
struct IntentFields {
  std::string_view reference;
  std::string_view remote_id;
};

inline constexpr char kFieldsMark = '\x1E';  // ASCII record separator: opens and closes the header
inline constexpr char kValueEnd = '\x1F';    // ASCII unit separator: ends the reference

// The payload log_intent() hands to spdlog: the header (when a field is set), then `message` unchanged.
std::string encode_intent_record(const IntentFields& fields, std::string_view message);

// A payload split back into its fields and its message; views into the payload.
struct IntentRecord {
  IntentFields fields;
  std::string_view message;
};
// nullopt when the payload has no header (any record that did not come from log_intent()).
std::optional<IntentRecord> split_intent_record(std::string_view payload);

// The readable form: "ref=INV-7 remote_id=pr_1 message" ("ref=INV-7 message" without a remote id).
std::string intent_text(const IntentFields& fields, std::string_view message);

// spdlog's default logger, with the fields attached: log_intent(spdlog::level::warn, {ref, remote_id},
// "on hold for an operator: {}", why). Nothing is formatted when the level is filtered out.
template <typename... Args>
void log_intent(spdlog::level::level_enum level, const IntentFields& fields, spdlog::format_string_t<Args...> format,
                Args&&... args) {
  spdlog::logger* logger = spdlog::default_logger_raw();
  if (logger == nullptr || !logger->should_log(level)) return;
  logger->log(level, encode_intent_record(fields, fmt::format(format, std::forward<Args>(args)...)));
}

}  // namespace payq
