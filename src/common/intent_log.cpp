// common/intent_log.cpp — the header that carries an intent's fields through an spdlog record, and its reading.
// Control bytes in a value become '?', so a partner's remote id can never forge or end the header early.
#include "common/intent_log.h"

namespace payq {
namespace {

void append_value(std::string& out, std::string_view value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte < 0x20 || byte == 0x7F ? '?' : c;
  }
}

}  // namespace

std::string encode_intent_record(const IntentFields& fields, std::string_view message) {
  if (fields.reference.empty() && fields.remote_id.empty()) return std::string(message);
  std::string payload;
  payload.reserve(fields.reference.size() + fields.remote_id.size() + message.size() + 3);
  payload += kFieldsMark;
  append_value(payload, fields.reference);
  payload += kValueEnd;
  append_value(payload, fields.remote_id);
  payload += kFieldsMark;
  payload.append(message);
  return payload;
}

std::optional<IntentRecord> split_intent_record(std::string_view payload) {
  if (payload.empty() || payload.front() != kFieldsMark) return std::nullopt;
  const std::size_t value_end = payload.find(kValueEnd, 1);
  if (value_end == std::string_view::npos) return std::nullopt;
  const std::size_t close = payload.find(kFieldsMark, value_end + 1);
  if (close == std::string_view::npos) return std::nullopt;
  IntentRecord record;
  record.fields.reference = payload.substr(1, value_end - 1);
  record.fields.remote_id = payload.substr(value_end + 1, close - value_end - 1);
  record.message = payload.substr(close + 1);
  return record;
}

std::string intent_text(const IntentFields& fields, std::string_view message) {
  std::string text;
  if (!fields.reference.empty()) text.append("ref=").append(fields.reference);
  if (!fields.remote_id.empty()) text.append(text.empty() ? "" : " ").append("remote_id=").append(fields.remote_id);
  if (!text.empty() && !message.empty()) text += ' ';
  text.append(message);
  return text;
}

}  // namespace payq
