// integration/api/body_cap_test.cpp — the real CurlTransport against a cpp-httplib server on 127.0.0.1 whose
// answers are larger than kMaxResponseBodyBytes: reading stops, and classify() treats the answer as unknown.
#include <doctest/doctest.h>
#include <httplib.h>

#include <string>
#include <thread>

#include "api/classify.h"
#include "api/curl_transport.h"
#include "api/response_body.h"
#include "client_fixture.h"

namespace payq::testing {
namespace {

// A JSON create answer padded with spaces to exactly `size` bytes.
std::string created_body(std::size_t size) {
  std::string body = R"({"id":"pay_1","status":"pending","reference_id":"R-1"})";
  body.append(size - body.size(), ' ');
  return body;
}

// Serves created_body(size) for any path, on a free loopback port, until destroyed.
class BodyServer {
 public:
  explicit BodyServer(std::size_t size) : body_(created_body(size)) {
    server_.Post(".*", [this](const httplib::Request&, httplib::Response& res) { answer(res); });
    server_.Get(".*", [this](const httplib::Request&, httplib::Response& res) { answer(res); });
    port_ = server_.bind_to_any_port("127.0.0.1");  // listening from here on: requests wait in the backlog
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~BodyServer() {
    while (!server_.is_running()) std::this_thread::yield();  // stop() before the loop started is lost
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

 private:
  void answer(httplib::Response& res) {
    res.status = 201;
    res.set_content(body_, "application/json");
  }

  std::string body_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

api::TransportResult send(const BodyServer& server, api::HttpMethod method, const std::string& path) {
  api::CurlTransport transport(sandbox_settings(server.url("")));
  api::HttpRequest request;
  request.method = method;
  request.url = server.url(path);
  request.resend_safe = method == api::HttpMethod::kGet;
  return transport.send(request);
}

const auto kNow = std::chrono::system_clock::now();

TEST_CASE("a response body of exactly the cap is read and used") {
  BodyServer server(api::kMaxResponseBodyBytes);
  const api::TransportResult result = send(server, api::HttpMethod::kPost, "/payment/request");
  REQUIRE(result.has_response());
  CHECK(result.response().body.size() == api::kMaxResponseBodyBytes);
  const auto c = api::classify(result, {api::RequestKind::kCreate, "R-1", {}}, kNow);
  CHECK(c.outcome == api::Outcome::kSuccess);
}

TEST_CASE("a response body one byte over the cap: a create is ambiguous, a poll retryable, with the reason") {
  BodyServer server(api::kMaxResponseBodyBytes + 1);
  const api::TransportResult create = send(server, api::HttpMethod::kPost, "/payment/request");
  REQUIRE_FALSE(create.has_response());
  CHECK(create.error().error_class == api::TransportErrorClass::kMaybeSent);
  CHECK(create.error().description.find("response body larger than 1048576 bytes") != std::string::npos);
  const auto c = api::classify(create, {api::RequestKind::kCreate, "R-1", {}}, kNow);
  CHECK(c.outcome == api::Outcome::kAmbiguous);
  CHECK(c.ambiguous);

  const api::TransportResult poll = send(server, api::HttpMethod::kGet, "/payment/request/pay_1");
  REQUIRE_FALSE(poll.has_response());
  const auto p = api::classify(poll, {api::RequestKind::kPoll, {}, "pay_1"}, kNow);
  CHECK(p.outcome == api::Outcome::kRetryableNotSent);
  CHECK_FALSE(p.ambiguous);
}

}  // namespace
}  // namespace payq::testing
