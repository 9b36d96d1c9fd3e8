// unit/common/intent_log_test.cpp — the header that carries an intent's fields through a log record: round trip,
// values that try to forge it, records without it, and the readable "ref=… remote_id=…" form.
#include <doctest/doctest.h>

#include <string>

#include "common/intent_log.h"

using payq::IntentFields;

TEST_SUITE("common.intent_log") {
  TEST_CASE("fields and message survive the round trip") {
    const std::string payload = payq::encode_intent_record({"INV-7", "pr_1"}, "on hold: {not a format}");
    const auto record = payq::split_intent_record(payload);
    REQUIRE(record.has_value());
    CHECK(record->fields.reference == "INV-7");
    CHECK(record->fields.remote_id == "pr_1");
    CHECK(record->message == "on hold: {not a format}");
  }

  TEST_CASE("a record without fields is the message unchanged, and is not split") {
    CHECK(payq::encode_intent_record({}, "plain") == "plain");
    CHECK_FALSE(payq::split_intent_record("plain").has_value());
    CHECK_FALSE(payq::split_intent_record("").has_value());
    CHECK_FALSE(payq::split_intent_record("\x1Eunterminated").has_value());
  }

  TEST_CASE("control bytes in a value cannot end the header early") {
    const std::string payload = payq::encode_intent_record({"A-1", "pr\x1E\x1Fx\n"}, "msg \x1E kept");
    const auto record = payq::split_intent_record(payload);
    REQUIRE(record.has_value());
    CHECK(record->fields.reference == "A-1");
    CHECK(record->fields.remote_id == "pr??x?");
    CHECK(record->message == "msg \x1E kept");
  }

  TEST_CASE("the readable form keeps today's ref=… remote_id=… prefix") {
    CHECK(payq::intent_text({"INV-7", "pr_1"}, "created, status=pending") ==
          "ref=INV-7 remote_id=pr_1 created, status=pending");
    CHECK(payq::intent_text({"INV-7", {}}, "failed: 400") == "ref=INV-7 failed: 400");
    CHECK(payq::intent_text({}, "plain") == "plain");
  }
}
