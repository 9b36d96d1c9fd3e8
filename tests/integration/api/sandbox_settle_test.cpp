// integration/api/sandbox_settle_test.cpp — the sandbox's settle schedule as a real process shows it: lognormal
// delays, the --expire-after cut-off, the same story for the same seed, and changed_at_ms in /_admin/payments.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "client_fixture.h"
#include "sandbox_process.h"

namespace payq::testing {
namespace {

using api::Outcome;

// One payment request as GET /_admin/payments?format=json describes it.
struct Created {
  std::string id;
  std::string reference_id;
  std::string fate;
  std::string status;
  long long delay_ms = -1;  // changed_at_ms - created_at_ms; -1 when the status never changes
};

std::vector<Created> sandbox_payments(const std::string& base_url) {
  api::CurlTransport transport(sandbox_settings(base_url));
  api::HttpRequest request;
  request.url = base_url + "/_admin/payments?format=json";
  const api::TransportResult result = transport.send(request);
  rapidjson::Document doc;
  doc.Parse(result.has_response() ? result.response().body.c_str() : "[]");
  std::vector<Created> out;
  if (!doc.IsArray()) return out;
  for (const auto& p : doc.GetArray()) {
    Created c{p["id"].GetString(), p["reference_id"].GetString(), p["fate"].GetString(), p["status"].GetString()};
    if (!p["changed_at_ms"].IsNull()) c.delay_ms = p["changed_at_ms"].GetInt64() - p["created_at_ms"].GetInt64();
    out.push_back(c);
  }
  return out;
}

// Creates `count` payment requests, in order, and returns what the sandbox says about them.
std::vector<Created> create_payments(const SandboxProcess& sandbox, int count) {
  Client client(sandbox_settings(sandbox.base_url()));
  for (int i = 1; i <= count; ++i) {
    const auto r = client.api.create({"S-" + std::to_string(i), "1.00", "EUR", "https://shop.example/done"});
    REQUIRE(r.outcome == Outcome::kSuccess);
  }
  auto payments = sandbox_payments(sandbox.base_url());
  std::sort(payments.begin(), payments.end(), [](const Created& a, const Created& b) { return a.id < b.id; });
  return payments;
}

// The first line payq-sandbox prints on stderr when it refuses `args` (bounded: one that starts is stopped).
std::string refusal_of(const std::string& args) {
  const std::string command = "timeout 5 " + std::string(PAYQ_SANDBOX_PATH) + " --port 0 " + args + " 2>&1 >/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string text;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) text += buffer;
  CHECK(pclose(pipe) != 0);
  return text.substr(0, text.find('\n'));
}

const std::vector<std::string> kSlowCustomers = {
    "--rate-limit", "0", "--seed", "3", "--settle-lognormal", "2s,1.5", "--paid-fraction", "0.7",
    "--cancelled-fraction", "0.1", "--expired-fraction", "0", "--expire-after", "60s"};

TEST_CASE("lognormal delays: paid and cancelled on the curve, everything else expired at exactly --expire-after") {
  SandboxProcess sandbox(kSlowCustomers);
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  const auto payments = create_payments(sandbox, 250);
  REQUIRE(payments.size() == 250);
  std::map<std::string, int> by_fate;
  std::vector<long long> paid_delays;
  for (const auto& p : payments) {
    ++by_fate[p.fate];
    if (p.fate == "expired") CHECK(p.delay_ms == 60000);
    else CHECK((p.delay_ms >= 0 && p.delay_ms < 60000));
    if (p.fate == "paid") paid_delays.push_back(p.delay_ms);
  }
  CHECK(by_fate.count("pending") == 0);
  CHECK((by_fate["paid"] > 150 && by_fate["paid"] < 200));        // 70% of 250, less the few past 60 s
  CHECK((by_fate["cancelled"] > 12 && by_fate["cancelled"] < 40));  // 10%
  CHECK((by_fate["expired"] > 35 && by_fate["expired"] < 75));      // the other 20%, plus the late ones
  std::sort(paid_delays.begin(), paid_delays.end());
  const long long median = paid_delays[paid_delays.size() / 2];
  CHECK((median > 1500 && median < 2700));
  const auto share = [&paid_delays](auto pred) {
    return static_cast<double>(std::count_if(paid_delays.begin(), paid_delays.end(), pred)) / paid_delays.size();
  };
  CHECK(share([](long long d) { return d < 1000; }) > 0.2);   // sigma 1.5: about 32% under median / 2
  CHECK(share([](long long d) { return d > 10000; }) > 0.08);  // and about 14% over median * 5
}

TEST_CASE("the same seed gives the same fates and delays; another seed gives others") {
  SandboxProcess first(kSlowCustomers);
  SandboxProcess second(kSlowCustomers);
  auto other_args = kSlowCustomers;
  other_args[3] = "4";
  SandboxProcess other(other_args);
  REQUIRE((first.ok() && second.ok() && other.ok()));
  const auto a = create_payments(first, 40);
  const auto b = create_payments(second, 40);
  const auto c = create_payments(other, 40);
  int same_as_other = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].fate == b[i].fate);
    CHECK(a[i].delay_ms == b[i].delay_ms);
    same_as_other += a[i].fate == c[i].fate && a[i].delay_ms == c[i].delay_ms ? 1 : 0;
  }
  CHECK(same_as_other < 5);
}

TEST_CASE("a request changes status at its changed_at_ms on the sandbox clock; the plain listing is unchanged") {
  SandboxProcess sandbox({"--settle-lognormal", "2s,1", "--paid-fraction", "0", "--cancelled-fraction", "0",
                          "--expired-fraction", "0", "--expire-after", "60s"});
  REQUIRE_MESSAGE(sandbox.ok(), sandbox.error());
  Client client(sandbox_settings(sandbox.base_url()));
  const api::ApiResult created = client.api.create({"S-1", "1.00", "EUR", "https://shop.example/done"});
  REQUIRE(created.outcome == Outcome::kSuccess);
  auto listed = sandbox_payments(sandbox.base_url());
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].fate == "expired");  // would never settle: expires at 60 s
  CHECK(listed[0].status == "pending");
  CHECK(listed[0].delay_ms == 60000);
  advance_sandbox_clock(sandbox.base_url(), 58);
  CHECK(client.api.get(created.remote_id).remote_status == "pending");
  advance_sandbox_clock(sandbox.base_url(), 3);
  CHECK(client.api.get(created.remote_id).remote_status == "expired");
  CHECK(sandbox_payments(sandbox.base_url()).at(0).status == "expired");

  api::CurlTransport transport(sandbox_settings(sandbox.base_url()));
  api::HttpRequest plain;
  plain.url = sandbox.base_url() + "/_admin/payments";
  const auto lines = transport.send(plain);
  REQUIRE(lines.has_response());
  CHECK(lines.response().body == created.remote_id + " S-1\n");
}

TEST_CASE("bad settle options are refused with a message naming the option") {
  CHECK(refusal_of("--settle-lognormal 2s") == "payq-sandbox: bad or missing value for --settle-lognormal");
  CHECK(refusal_of("--settle-lognormal 0s,1") == "payq-sandbox: bad or missing value for --settle-lognormal");
  CHECK(refusal_of("--settle-lognormal 2s,-1") == "payq-sandbox: bad or missing value for --settle-lognormal");
  CHECK(refusal_of("--settle-lognormal 2s,x") == "payq-sandbox: bad or missing value for --settle-lognormal");
  CHECK(refusal_of("--expire-after 0s") == "payq-sandbox: bad or missing value for --expire-after");
  CHECK(refusal_of("--settle-min 1s --settle-lognormal 2s,1") ==
        "payq-sandbox: --settle-lognormal replaces --settle-min/--settle-max: give one or the other");
}

}  // namespace
}  // namespace payq::testing
