// unit/api/api_test_support.h — shared fixture pieces of the api/ unit tests: settings with a known
// secret, canned partner answers, and a CallSink that keeps every record. Test-only, not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "api/api_settings.h"
#include "api/call_record.h"
#include "support/fake_transport.h"

namespace payq::api::test {

inline constexpr const char* kSecret = "s3cr3t-DO-NOT-LOG";
inline constexpr const char* kTokenUrl = "/oauth/token";
inline constexpr const char* kPaymentUrl = "/payment/request";

inline ApiSettings settings() {
  ApiSettings s;
  s.base_url = "https://api.example";
  s.client_id = "merchant-1";
  s.client_secret = kSecret;
  return s;
}

inline TransportResult token_answer(const std::string& token, int expires_in = 3600) {
  return payq::testing::http_response(
      200, R"({"access_token":")" + token + R"(","token_type":"Bearer","expires_in":)" + std::to_string(expires_in) + "}");
}

inline TransportResult created(const std::string& reference_id, const std::string& id = "pay_1") {
  return payq::testing::http_response(
      201, R"({"id":")" + id + R"(","status":"pending","reference_id":")" + reference_id + R"(","amount":"10.50"})");
}

struct RecordingSink {
  std::vector<CallRecord> records;
  CallSink sink() {
    return [this](const CallRecord& record) { records.push_back(record); };
  }
};

}  // namespace payq::api::test
