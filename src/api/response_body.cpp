// api/response_body.cpp — RapidJSON extraction of the few fields classify() and the token cache need.
// Tolerant of unknown fields and of numbers sent as strings (expires_in "3600"); strict about types otherwise,
// and no number is converted unless it fits.
#include "api/response_body.h"

#include <rapidjson/document.h>

#include <charconv>
#include <cmath>
#include <string>

namespace payq::api {
namespace {

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

// The int64 a double holds exactly, or nullopt (fraction, NaN, infinity, or beyond int64: a cast would be UB).
std::optional<std::int64_t> exact_int64(double d) {
  constexpr double kTwoTo63 = 9223372036854775808.0;
  if (!(d >= -kTwoTo63 && d < kTwoTo63) || std::trunc(d) != d) return std::nullopt;
  return static_cast<std::int64_t>(d);
}

// A JSON integer that fits int64, an integral double in range (3600.0), or a decimal string ("3600").
std::optional<std::int64_t> integer_member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (it->value.IsInt64()) return it->value.GetInt64();
  if (it->value.IsDouble()) return exact_int64(it->value.GetDouble());
  if (it->value.IsString()) {
    std::int64_t n = 0;
    const char* s = it->value.GetString();
    const auto [end, ec] = std::from_chars(s, s + it->value.GetStringLength(), n);
    if (ec == std::errc{} && end == s + it->value.GetStringLength()) return n;
  }
  return std::nullopt;
}

// An id is a string or a JSON integer that fits int64 exactly; anything else (1e30, 12.5) is no id.
std::optional<std::string> id_member(const rapidjson::Value& object) {
  if (auto text = string_member(object, "id")) return text;
  const auto it = object.FindMember("id");
  if (it != object.MemberEnd() && it->value.IsInt64()) return std::to_string(it->value.GetInt64());
  return std::nullopt;
}

std::optional<std::string> error_message(const rapidjson::Value& object) {
  const auto it = object.FindMember("error");
  if (it != object.MemberEnd() && it->value.IsObject()) {
    if (auto message = string_member(it->value, "message")) return message;
  }
  if (auto description = string_member(object, "error_description")) return description;
  return string_member(object, "error");
}

}  // namespace

ResponseBody parse_response_body(std::string_view body) {
  ResponseBody out;
  if (body.size() > kMaxResponseBodyBytes) return out;
  rapidjson::Document doc;
  // Iterative: nesting depth costs heap, not stack, so 200,000 '[' cannot overflow the stack. The
  // document's pool allocator frees without recursion, so a deep document is also safe to destroy.
  doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return out;
  out.is_object = true;
  out.id = id_member(doc);
  out.status = string_member(doc, "status");
  out.reference_id = string_member(doc, "reference_id");
  out.access_token = string_member(doc, "access_token");
  out.expires_in = integer_member(doc, "expires_in");
  out.error_message = error_message(doc);
  out.oauth_error = string_member(doc, "error");
  out.payment_url = string_member(doc, "payment_url");
  const auto link = doc.FindMember("payment_url");
  out.payment_url_not_text = link != doc.MemberEnd() && !link->value.IsString() && !link->value.IsNull();
  return out;
}

}  // namespace payq::api
