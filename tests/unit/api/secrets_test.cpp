// unit/api/secrets_test.cpp — the client secret and the bearer token never reach a log line (at trace
// level), an error message or a CallRecord, even when the partner echoes them back.
#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>

#include "api/api_test_support.h"
#include "api/payment_api.h"
#include "support/fake_clock.h"

namespace payq::api {
namespace {

using payq::testing::http_response;
using payq::testing::transport_error;

constexpr const char* kToken = "tok-SECRET-BEARER-123";

// Sends the default logger to a string at trace level for the life of the object.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

void check_clean(const std::string& text) {
  CAPTURE(text);
  CHECK(text.find(test::kSecret) == std::string::npos);
  CHECK(text.find(kToken) == std::string::npos);
}

TEST_CASE("secret and token appear in no log line, error or CallRecord") {
  CapturedLog log;
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  test::RecordingSink recorded;
  std::vector<std::string> errors;
  {
    TokenCache tokens(clock, gate, test::settings());
    PaymentApi api(transport, tokens, gate, clock, test::settings(), recorded.sink());
    const std::string echo = std::string("client_secret=") + test::kSecret;
    transport.push(test::kTokenUrl, http_response(401, R"({"error_description":")" + echo + R"("})"));
    transport.push(test::kTokenUrl, test::token_answer(kToken));
    errors.push_back(api.create({"R-1", "1", "EUR", "https://x.example"}).error);  // token refused
    const std::string bad_token = std::string(R"({"error":{"message":"bad token )") + kToken + R"("}})";
    transport.push(test::kPaymentUrl, http_response(401, bad_token));
    transport.push(test::kPaymentUrl, http_response(400, bad_token));
    transport.push(test::kPaymentUrl, transport_error(TransportErrorClass::kMaybeSent, "reset"));
    for (int i = 0; i < 3; ++i) errors.push_back(api.create({"R-2", "1", "EUR", "https://x.example"}).error);
    errors.push_back(api.get("pay_1").error);
  }
  CHECK(log.text().find("api create") != std::string::npos);  // the log did capture the calls
  check_clean(log.text());
  for (const auto& error : errors) check_clean(error);
  CHECK(recorded.records.size() >= 6);
  for (const auto& record : recorded.records) {
    check_clean(record.error);
    check_clean(record.reference_id);
    check_clean(record.remote_id);
  }
}

}  // namespace
}  // namespace payq::api
