// daemon/logging.h — builds the process logger (text or JSON lines on stderr, or the journal) and installs it
// as spdlog's default logger, the one global the daemon wires at start. Configure before threads log; the
// logger itself is thread-safe.
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "config/config.h"
#include "payq/status.h"

namespace payq::daemon {

struct LogSettings {
  std::string level = "info";  // trace, debug, info, warn (warning), error, critical, off
  config::LogFormat format = config::LogFormat::kText;
  // Send text records to the journal (structured, with priority; journald stamps them). Unset: detect with
  // stderr_is_journal(). JSON keeps writing lines to the stream even under systemd: whoever asks for JSON
  // ships those lines somewhere.
  std::optional<bool> journald;
};

// Text:  "2026-11-25T14:03:07.123Z info  message", control characters escaped so a record is one line.
// JSON:  {"ts":"2026-11-25T14:03:07.123Z","level":"info","msg":"…"} per line, valid UTF-8 always.
Result<spdlog::level::level_enum> parse_log_level(std::string_view name);

// True when systemd connected stderr to the journal: $JOURNAL_STREAM names stderr's device and inode.
bool stderr_is_journal();

// A logger named "payq" writing to `out` (or the journal), without touching globals; `out` must outlive it.
Result<std::shared_ptr<spdlog::logger>> make_logger(const LogSettings& settings, std::ostream& out);

// make_logger + spdlog::set_default_logger. kInvalidArgument for an unknown level; the old logger stays then.
Status configure_logging(const LogSettings& settings, std::ostream& out = std::cerr);

// For SIGHUP. stderr and the journal need no reopening, so this only flushes; safe from any thread.
void reopen_logs();

// For SIGHUP: applies a new log.level to the default logger. kInvalidArgument (and no change) for an unknown level.
Status set_log_level(std::string_view level);

}  // namespace payq::daemon
