// sandbox/payment_routes.cpp — POST /payment/request (validation, bearer token, create faults) and
// GET /payment/request/{id} (status on the seeded schedule). Errors are {"error":{"message":...}}.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>
#include <regex>
#include <thread>

#include "sandbox.h"

namespace payq::sandbox {
namespace {

std::string bearer_of(const httplib::Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  return auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : std::string();
}

// The reason the request is not authorized, or empty.
std::string unauthorized(Sandbox& sandbox, const httplib::Request& req) {
  const auto token = sandbox.tokens.find(bearer_of(req));
  if (!token) return "missing or unknown bearer token";
  if (sandbox.clock.now() >= token->expires_at) return "bearer token expired";
  return {};
}

std::string iso_time(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string payment_json(const Sandbox& sandbox, const Payment& p, const std::string& status) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto field = [&w](const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  field("id", p.id);
  field("status", status);
  field("amount", p.amount);
  field("currency", p.currency);
  field("redirect_url", p.redirect_url);
  if (p.reference_id) field("reference_id", *p.reference_id);
  field("payment_url", "http://127.0.0.1:" + std::to_string(sandbox.port) + "/pay/" + p.id);
  field("created_at", iso_time(p.created_wall));
  w.EndObject();
  return buffer.GetString();
}

std::optional<std::string> string_field(const rapidjson::Document& doc, const char* name, std::string& error) {
  const auto it = doc.FindMember(name);
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) {
    error = std::string(name) + ": must be a string";
    return std::nullopt;
  }
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// Fills `out` from the body, or returns the message of the 400, naming the field.
std::string parse_create(const std::string& body, Payment& out) {
  static const std::regex kAmount(R"(^[0-9]+(\.[0-9]+)?$)");
  static const std::regex kZero(R"(^[0.]+$)");
  static const std::regex kCurrency(R"(^[A-Z]{3}$)");
  static const std::regex kUrl(R"(^https?://[^/\s?#]+([/?#]\S*)?$)");
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (doc.HasParseError() || !doc.IsObject()) return "body: must be a JSON object";
  std::string error;
  const auto amount = string_field(doc, "amount", error);
  const auto currency = string_field(doc, "currency", error);
  const auto redirect = string_field(doc, "redirect_url", error);
  out.reference_id = string_field(doc, "reference_id", error);
  if (!error.empty()) return error;
  if (!amount) return "amount: required";
  if (!std::regex_match(*amount, kAmount) || std::regex_match(*amount, kZero)) {
    return "amount: must be a positive decimal string";
  }
  if (!currency) return "currency: required";
  if (!std::regex_match(*currency, kCurrency)) return "currency: must be a 3-letter ISO 4217 code";
  if (!redirect) return "redirect_url: required";
  if (!std::regex_match(*redirect, kUrl)) return "redirect_url: must be an http(s) URL";
  out.amount = *amount;
  out.currency = *currency;
  out.redirect_url = *redirect;
  return {};
}

void create(Sandbox& sandbox, const httplib::Request& req, httplib::Response& res, Exchange& exchange) {
  if (auto why = unauthorized(sandbox, req); !why.empty()) return json_error(res, 401, why);
  Payment fields;
  if (auto why = parse_create(req.body, fields); !why.empty()) return json_error(res, 400, why);
  const CreateFault fault = sandbox.faults.roll_create();
  if (fault == CreateFault::kFailBefore) return json_error(res, 500, "internal error (before create)");
  fields.created = sandbox.clock.now();
  fields.created_wall = sandbox.clock.wall_now();
  const Payment payment = sandbox.store.create(std::move(fields));
  std::string body = payment_json(sandbox, payment, "pending");
  switch (fault) {
    case CreateFault::kNone:
    case CreateFault::kFailBefore: break;
    case CreateFault::kFailAfter: return json_error(res, 500, "internal error (after create)");
    case CreateFault::kDropAfter: exchange.drop = true; return;
    case CreateFault::kTruncate: body.resize(body.size() / 2); break;
  }
  if (sandbox.faults.roll_slow()) std::this_thread::sleep_for(sandbox.options.slow_delay);
  res.status = 201;
  res.set_content(body, "application/json");
}

void poll(Sandbox& sandbox, const httplib::Request& req, httplib::Response& res) {
  if (auto why = unauthorized(sandbox, req); !why.empty()) return json_error(res, 401, why);
  if (sandbox.faults.roll_slow()) std::this_thread::sleep_for(sandbox.options.slow_delay);
  const auto payment = sandbox.store.find(req.matches[1]);
  if (!payment) return json_error(res, 404, "payment request not found");
  res.status = 200;
  res.set_content(payment_json(sandbox, *payment, status_at(*payment, sandbox.clock.now())), "application/json");
}

}  // namespace

void register_payment_routes(httplib::Server& server, Sandbox& sandbox) {
  auto client_of = [&sandbox](const httplib::Request& req) {
    const auto token = sandbox.tokens.find(bearer_of(req));
    return token ? token->client_id : "anonymous:" + req.remote_addr;
  };
  server.Post("/payment/request",
              partner_endpoint(sandbox, "create", client_of,
                               [&sandbox](const httplib::Request& req, httplib::Response& res, Exchange& ex) {
                                 create(sandbox, req, res, ex);
                               }));
  server.Get(R"(/payment/request/([^/]+))",
             partner_endpoint(sandbox, "poll", client_of,
                              [&sandbox](const httplib::Request& req, httplib::Response& res, Exchange&) {
                                poll(sandbox, req, res);
                              }));
}

}  // namespace payq::sandbox
