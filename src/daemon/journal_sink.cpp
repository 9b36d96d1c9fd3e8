// daemon/journal_sink.cpp — the journal entry of one record, and its sending with sd_journal_sendv.
// Field values may hold newlines (journald keeps them); the readable MESSAGE is the text sink's minus the stamp.
#include "daemon/journal_sink.h"

#include <sys/uio.h>
#include <syslog.h>

#include <systemd/sd-journal.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <spdlog/common.h>

#include "common/intent_log.h"

namespace payq::daemon {
namespace {

constexpr std::array<int, 7> kPriorities = {LOG_DEBUG, LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR, LOG_CRIT, LOG_INFO};

}  // namespace

std::vector<std::string> journal_fields(const spdlog::details::log_msg& msg) {
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  const std::optional<IntentRecord> record = split_intent_record(payload);
  std::vector<std::string> fields;
  fields.push_back("MESSAGE=" + (record ? intent_text(record->fields, record->message) : std::string(payload)));
  fields.push_back("PRIORITY=" + std::to_string(kPriorities.at(static_cast<std::size_t>(msg.level))));
  fields.emplace_back("SYSLOG_IDENTIFIER=payq");
  if (record && !record->fields.reference.empty()) {
    fields.push_back("PAYQ_REFERENCE=" + std::string(record->fields.reference));
  }
  if (record && !record->fields.remote_id.empty()) {
    fields.push_back("PAYQ_REMOTE_ID=" + std::string(record->fields.remote_id));
  }
  return fields;
}

int send_to_journal(const std::vector<std::string>& fields) {
  std::vector<iovec> entry;
  entry.reserve(fields.size());
  for (const std::string& field : fields) {
    entry.push_back({const_cast<char*>(field.data()), field.size()});  // sd_journal_sendv only reads
  }
  return sd_journal_sendv(entry.data(), static_cast<int>(entry.size()));
}

void JournalSink::sink_it_(const spdlog::details::log_msg& msg) {
  const int sent = send_(journal_fields(msg));
  if (sent < 0) spdlog::throw_spdlog_ex("write to the journal", -sent);
}

}  // namespace payq::daemon
