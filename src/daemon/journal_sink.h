// daemon/journal_sink.h — the journal as a log sink: one entry per record with its priority and, for a record
// about an intent (common/intent_log.h), the fields PAYQ_REFERENCE= and PAYQ_REMOTE_ID=, so
// `journalctl -u payq PAYQ_REFERENCE=INV-7` finds its lines. Sending goes through a function (sd_journal_sendv in
// production) so the field list is testable without a journald. Thread-safe through base_sink's mutex.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/base_sink.h>

namespace payq::daemon {

// Each "NAME=value" of one journal entry: MESSAGE (the readable text, "ref=… remote_id=…" included), PRIORITY
// (syslog's), SYSLOG_IDENTIFIER=payq, then PAYQ_REFERENCE / PAYQ_REMOTE_ID when the record carries them.
std::vector<std::string> journal_fields(const spdlog::details::log_msg& msg);

// Sends one entry; 0 or a negative errno, as sd_journal_sendv.
using JournalSend = std::function<int(const std::vector<std::string>& fields)>;

// The production JournalSend: sd_journal_sendv.
int send_to_journal(const std::vector<std::string>& fields);

class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit JournalSink(JournalSend send) : send_(std::move(send)) {}

 protected:
  // A failed send throws spdlog_ex, which the logger reports on stderr (as spdlog's own systemd sink does).
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  const JournalSend send_;
};

}  // namespace payq::daemon
