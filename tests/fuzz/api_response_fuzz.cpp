// tests/fuzz/api_response_fuzz.cpp — libFuzzer target: a partner answer (status, Retry-After, body) to a token,
// create or poll call through classify(), a create's payment_url through payment_link(), and a token answer through
// the TokenCache's lifetime arithmetic.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "api/api_settings.h"
#include "api/classify.h"
#include "api/payment_link.h"
#include "api/url.h"
#include "api/token_cache.h"
#include "support/fake_clock.h"
#include "support/fake_transport.h"

namespace {

using payq::api::Classification;
using payq::api::Outcome;
using payq::api::RequestKind;

// What classify() promises whatever the partner sent.
void check(const Classification& c, const payq::api::Expectation& expect, int status) {
  if (c.ambiguous != (c.outcome == Outcome::kAmbiguous)) std::abort();
  if (c.ambiguous && expect.kind != RequestKind::kCreate) std::abort();
  if (c.retry_after && (*c.retry_after < std::chrono::milliseconds(0) || *c.retry_after > std::chrono::hours(24))) {
    std::abort();
  }
  if (c.outcome != Outcome::kSuccess) return;
  if (status < 200 || status > 299 || !c.fields.is_object) std::abort();
  switch (expect.kind) {
    case RequestKind::kToken:
      if (!c.fields.access_token || c.fields.access_token->empty()) std::abort();
      break;
    case RequestKind::kCreate:
      if (!c.fields.id || c.fields.id->empty() || c.fields.reference_id != expect.reference_id) std::abort();
      break;
    case RequestKind::kPoll:
      if (c.fields.id != expect.remote_id || !c.fields.status) std::abort();
      break;
  }
}

// A payment_url is kept only when the one URL parser accepts it, within the length bound.
void check_payment_link(const payq::api::ResponseBody& fields) {
  const payq::api::PaymentLink link = payq::api::payment_link(fields);
  if (link.url && (!link.refusal.empty() || link.url->size() > payq::api::kMaxPaymentUrlBytes ||
                   !payq::api::parse_url(*link.url).is_ok())) {
    std::abort();
  }
  if (!link.url && fields.payment_url && fields.payment_url->size() <= payq::api::kMaxPaymentUrlBytes &&
      payq::api::parse_url(*fields.payment_url).is_ok()) {
    std::abort();
  }
}

// A token answer goes through the cache twice, with a random pause: its expires_in must not overflow.
void exercise_token_cache(const payq::api::HttpResponse& response, std::int64_t pause_ms) {
  payq::testing::FakeClock clock;
  payq::testing::FakeTransport transport;
  payq::testing::CountingGate gate;
  payq::api::ApiSettings settings;
  settings.base_url = "https://api.example";
  settings.client_id = "merchant-1";
  settings.client_secret = "fuzz-secret-0123";
  payq::api::TokenCache cache(clock, gate, settings);
  transport.push("/oauth/token", response);
  (void)cache.token(transport, {});
  clock.advance(std::chrono::milliseconds(pause_ms));
  (void)cache.token(transport, {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const auto kind = static_cast<RequestKind>(in.ConsumeIntegralInRange<int>(0, 2));
  const payq::api::Expectation expect{kind, kind == RequestKind::kCreate ? "R-1" : "",
                                      kind == RequestKind::kPoll ? "pay_1" : ""};
  const int status = in.ConsumeIntegralInRange<int>(0, 999);
  const std::int64_t pause_ms = in.ConsumeIntegralInRange<std::int64_t>(0, 48LL * 3600 * 1000);
  payq::api::HttpHeaders headers;
  if (in.ConsumeBool()) headers.emplace_back("Retry-After", in.ConsumeRandomLengthString(64));
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000));
  const payq::api::HttpResponse response = payq::testing::http_response(status, in.ConsumeRemainingBytesAsString(),
                                                                        std::move(headers));
  const Classification c = payq::api::classify(response, expect, now);
  check(c, expect, status);
  if (kind == RequestKind::kCreate) check_payment_link(c.fields);
  if (kind == RequestKind::kToken) exercise_token_cache(response, pause_ms);
  return 0;
}
