// unit/daemon/journal_sink_test.cpp — the journal entry of a record, through the sink's send seam (no journald
// needed): MESSAGE with the readable prefix, PRIORITY, SYSLOG_IDENTIFIER, and PAYQ_REFERENCE / PAYQ_REMOTE_ID.
#include <doctest/doctest.h>
#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <vector>

#include "common/intent_log.h"
#include "daemon/journal_sink.h"

namespace {

struct Sent {
  std::vector<std::vector<std::string>> entries;
};

std::shared_ptr<spdlog::logger> journal_logger(Sent& sent, int answer = 0) {
  auto sink = std::make_shared<payq::daemon::JournalSink>([&sent, answer](const std::vector<std::string>& fields) {
    sent.entries.push_back(fields);
    return answer;
  });
  auto logger = std::make_shared<spdlog::logger>("payq", std::move(sink));
  logger->set_level(spdlog::level::trace);
  return logger;
}

}  // namespace

TEST_SUITE("daemon.journal_sink") {
  TEST_CASE("a record about an intent carries PAYQ_REFERENCE= and PAYQ_REMOTE_ID=") {
    Sent sent;
    auto logger = journal_logger(sent);
    logger->error(payq::encode_intent_record({"INV-7", "pr_1"}, "on hold: 404 to 5 polls"));
    REQUIRE(sent.entries.size() == 1);
    CHECK(sent.entries[0] == std::vector<std::string>{"MESSAGE=ref=INV-7 remote_id=pr_1 on hold: 404 to 5 polls",
                                                      "PRIORITY=3", "SYSLOG_IDENTIFIER=payq",
                                                      "PAYQ_REFERENCE=INV-7", "PAYQ_REMOTE_ID=pr_1"});
  }

  TEST_CASE("other records: the message and priority only; no empty fields") {
    Sent sent;
    auto logger = journal_logger(sent);
    logger->info("payq running");
    logger->warn(payq::encode_intent_record({"INV-8", {}}, "recovered"));
    REQUIRE(sent.entries.size() == 2);
    CHECK(sent.entries[0] == std::vector<std::string>{"MESSAGE=payq running", "PRIORITY=6", "SYSLOG_IDENTIFIER=payq"});
    CHECK(sent.entries[1] == std::vector<std::string>{"MESSAGE=ref=INV-8 recovered", "PRIORITY=4",
                                                      "SYSLOG_IDENTIFIER=payq", "PAYQ_REFERENCE=INV-8"});
  }

  TEST_CASE("a failed send is reported through spdlog's error handler, not thrown at the caller") {
    Sent sent;
    auto logger = journal_logger(sent, -5);
    std::string reported;
    logger->set_error_handler([&reported](const std::string& message) { reported = message; });
    logger->critical("still here");
    CHECK(sent.entries.size() == 1);
    CHECK(reported.find("write to the journal") != std::string::npos);
  }
}
