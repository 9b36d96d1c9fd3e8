// integration/api/client_fixture.h — the real client stack (CurlTransport, TokenCache, PaymentApi) wired
// to a base URL with the real clock, keeping every CallRecord; plus reading the sandbox's admin endpoints.
#pragma once

#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <vector>

#include "api/curl_transport.h"
#include "api/payment_api.h"
#include "api/request_gate.h"
#include "api/token_cache.h"
#include "common/clock.h"

namespace payq::testing {

inline api::ApiSettings sandbox_settings(const std::string& base_url) {
  api::ApiSettings s;
  s.base_url = base_url;
  s.client_id = "payq-sandbox";
  s.client_secret = "sandbox-secret";
  s.connect_timeout = std::chrono::seconds(2);
  s.timeout = std::chrono::seconds(5);
  return s;
}

struct Client {
  explicit Client(const api::ApiSettings& s)
      : settings(s), transport(s), tokens(clock, gate, s),
        api(transport, tokens, gate, clock, s, [this](const api::CallRecord& r) { records.push_back(r); }) {}

  std::vector<api::CallRecord> of_kind(api::RequestKind kind) const {
    std::vector<api::CallRecord> out;
    for (const auto& r : records) {
      if (r.kind == kind) out.push_back(r);
    }
    return out;
  }

  api::ApiSettings settings;
  SystemClock clock;
  api::OpenGate gate;
  api::CurlTransport transport;
  api::TokenCache tokens;
  std::vector<api::CallRecord> records;
  api::PaymentApi api;
};

// GET /_admin/stats of a sandbox, parsed; an empty object when it cannot be read.
inline std::shared_ptr<rapidjson::Document> sandbox_stats(const std::string& base_url) {
  api::CurlTransport transport(sandbox_settings(base_url));
  api::HttpRequest request;
  request.url = base_url + "/_admin/stats";
  const api::TransportResult result = transport.send(request);
  auto doc = std::make_shared<rapidjson::Document>();
  doc->Parse(result.has_response() ? result.response().body.c_str() : "{}");
  return doc;
}

inline int stat(const rapidjson::Document& doc, const char* name) {
  return doc.IsObject() && doc.HasMember(name) && doc[name].IsInt() ? doc[name].GetInt() : -1;
}

inline void advance_sandbox_clock(const std::string& base_url, int seconds) {
  api::CurlTransport transport(sandbox_settings(base_url));
  api::HttpRequest request;
  request.method = api::HttpMethod::kPost;
  request.url = base_url + "/_admin/advance?seconds=" + std::to_string(seconds);
  transport.send(request);
}

}  // namespace payq::testing
