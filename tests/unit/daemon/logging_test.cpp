// unit/daemon/logging_test.cpp — the text and JSON log lines: format, escaping, levels, the default logger.
// Loggers write to a std::ostringstream; every JSON line is parsed back with RapidJSON.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "common/intent_log.h"
#include "daemon/logging.h"
#include "support/log_capture.h"

using payq::StatusCode;
using payq::config::LogFormat;
using payq::daemon::LogSettings;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

LogSettings settings(std::string level, LogFormat format) { return {std::move(level), format, false}; }

// Puts spdlog's default logger back when a test that replaced it ends.
class DefaultLoggerGuard {
 public:
  DefaultLoggerGuard() : saved_(spdlog::default_logger()) {}
  ~DefaultLoggerGuard() { spdlog::set_default_logger(saved_); }
  DefaultLoggerGuard(const DefaultLoggerGuard&) = delete;
  DefaultLoggerGuard& operator=(const DefaultLoggerGuard&) = delete;

 private:
  std::shared_ptr<spdlog::logger> saved_;
};

}  // namespace

TEST_SUITE("daemon.logging") {
  TEST_CASE("JSON lines stay valid JSON whatever the message holds") {
    const std::vector<std::string> messages = {
        "plain", "say \"paid\"", "two\nlines\r\n", "back\\slash\ttab", std::string("nul\0byte", 8),
        "\x01\x1f control", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x92\xB6", "{not a format}"};
    std::ostringstream out;
    auto logger = payq::daemon::make_logger(settings("trace", LogFormat::kJson), out);
    REQUIRE(logger.is_ok());
    for (const auto& message : messages) (*logger)->warn("{}", message);

    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == messages.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      rapidjson::Document doc;
      doc.Parse(lines[i].c_str());
      REQUIRE_FALSE(doc.HasParseError());
      REQUIRE(doc.IsObject());
      CHECK(doc.MemberCount() == 3);
      CHECK(std::string(doc["level"].GetString()) == "warn");
      CHECK(std::regex_match(doc["ts"].GetString(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
      CHECK(std::string(doc["msg"].GetString(), doc["msg"].GetStringLength()) == messages[i]);
    }
  }

  TEST_CASE("bytes that are not UTF-8 become U+FFFD in JSON") {
    std::ostringstream out;
    auto logger = payq::daemon::make_logger(settings("info", LogFormat::kJson), out);
    REQUIRE(logger.is_ok());
    (*logger)->info("{}", std::string("a\xFF" "b\xC0\xAF" "c\xED\xA0\x80" "d\xE2\x82"));
    rapidjson::Document doc;
    doc.Parse(out.str().c_str());
    REQUIRE_FALSE(doc.HasParseError());
    const std::string r = "\xEF\xBF\xBD";
    CHECK(std::string(doc["msg"].GetString()) == "a" + r + "b" + r + r + "c" + r + r + r + "d" + r + r);
  }

  TEST_CASE("text lines: UTC timestamp, padded level, one line per record") {
    std::ostringstream out;
    auto logger = payq::daemon::make_logger(settings("info", LogFormat::kText), out);
    REQUIRE(logger.is_ok());
    (*logger)->info("claimed ref={}", "A-17");
    (*logger)->error("line one\nline two\x07");
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 2);
    CHECK(std::regex_match(lines[0], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info  claimed ref=A-17)")));
    CHECK(lines[1].substr(24) == " error line one\\nline two\\x07");
  }

  TEST_CASE("the level filters records; unknown levels are refused") {
    std::ostringstream out;
    auto logger = payq::daemon::make_logger(settings("warning", LogFormat::kText), out);
    REQUIRE(logger.is_ok());
    (*logger)->info("dropped");
    (*logger)->warn("kept");
    CHECK(lines_of(out.str()).size() == 1);

    auto refused = payq::daemon::make_logger(settings("verbose", LogFormat::kText), out);
    REQUIRE_FALSE(refused.is_ok());
    CHECK(refused.status().code() == StatusCode::kInvalidArgument);
    CHECK(refused.status().message().find("\"verbose\"") != std::string::npos);
    CHECK(payq::daemon::parse_log_level("off").is_ok());
  }

  TEST_CASE("configure_logging installs the default logger; reopen_logs is safe") {
    DefaultLoggerGuard guard;
    std::ostringstream out;
    REQUIRE(payq::daemon::configure_logging(settings("debug", LogFormat::kJson), out).is_ok());
    spdlog::debug("through the default logger");
    payq::daemon::reopen_logs();
    CHECK(out.str().find("\"msg\":\"through the default logger\"") != std::string::npos);

    const auto installed = spdlog::default_logger();
    CHECK(payq::daemon::configure_logging(settings("loud", LogFormat::kJson), out).code() ==
          StatusCode::kInvalidArgument);
    CHECK(spdlog::default_logger() == installed);
  }

  TEST_CASE("set_log_level changes what the default logger lets through; unknown levels change nothing") {
    DefaultLoggerGuard guard;
    std::ostringstream out;
    REQUIRE(payq::daemon::configure_logging(settings("info", LogFormat::kJson), out).is_ok());
    spdlog::debug("hidden at info");
    REQUIRE(payq::daemon::set_log_level("debug").is_ok());
    spdlog::debug("shown at debug");
    CHECK(payq::daemon::set_log_level("chatty").code() == StatusCode::kInvalidArgument);
    spdlog::debug("still shown");
    CHECK(out.str().find("hidden at info") == std::string::npos);
    CHECK(out.str().find("shown at debug") != std::string::npos);
    CHECK(out.str().find("still shown") != std::string::npos);
  }

  TEST_CASE("the journal is detected only when JOURNAL_STREAM names stderr") {
    const char* saved = std::getenv("JOURNAL_STREAM");
    const std::string restore = saved == nullptr ? "" : saved;
    ::setenv("JOURNAL_STREAM", "1:2", 1);
    CHECK_FALSE(payq::daemon::stderr_is_journal());
    ::unsetenv("JOURNAL_STREAM");
    CHECK_FALSE(payq::daemon::stderr_is_journal());
    if (saved != nullptr) ::setenv("JOURNAL_STREAM", restore.c_str(), 1);
  }

  TEST_CASE("a record about an intent: ref=… remote_id=… in text, keys in JSON, the message unprefixed") {
    {
      payq::testing::LogCapture log(LogFormat::kText, "info");
      payq::log_intent(spdlog::level::warn, {"INV-7", "pr_1"}, "on hold: the partner answered 404 to {} polls", 5);
      payq::log_intent(spdlog::level::err, {"INV-8", {}}, "failed: {}", "amount invalid");
      payq::log_intent(spdlog::level::debug, {"INV-9", {}}, "filtered out");
      REQUIRE(log.lines().size() == 2);
      CHECK(log.lines()[0] == "warn  ref=INV-7 remote_id=pr_1 on hold: the partner answered 404 to 5 polls");
      CHECK(log.lines()[1] == "error ref=INV-8 failed: amount invalid");
    }
    payq::testing::LogCapture log(LogFormat::kJson, "info");
    payq::log_intent(spdlog::level::err, {"INV-7", "pr_\xFF"}, "failed: {}", "say \"no\"");
    payq::log_intent(spdlog::level::warn, {"INV-8", {}}, "recovered");
    spdlog::info("no intent");
    const auto lines = log.lines();
    REQUIRE(lines.size() == 3);
    rapidjson::Document doc;
    doc.Parse(lines[0].c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc.MemberCount() == 5);
    CHECK(std::string(doc["reference"].GetString()) == "INV-7");
    CHECK(std::string(doc["remote_id"].GetString()) == "pr_\xEF\xBF\xBD");
    CHECK(std::string(doc["msg"].GetString()) == "failed: say \"no\"");
    CHECK(std::string(doc["level"].GetString()) == "error");
    doc.Parse(lines[1].c_str());
    CHECK(std::string(doc["reference"].GetString()) == "INV-8");
    CHECK_FALSE(doc.HasMember("remote_id"));
    doc.Parse(lines[2].c_str());
    CHECK(doc.MemberCount() == 3);
    CHECK_FALSE(doc.HasMember("reference"));
  }
}
