// api/response_body.cpp — RapidJSON extraction of the few fields classify() and the token cache need.
// Tolerant of unknown fields and of numbers sent as strings (expires_in "3600"); strict about types otherwise.
#include "api/response_body.h"

#include <rapidjson/document.h>

#include <charconv>
#include <string>

namespace payq::api {
namespace {

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::optional<std::int64_t> integer_member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return std::nullopt;
  if (it->value.IsInt64()) return it->value.GetInt64();
  if (it->value.IsDouble()) return static_cast<std::int64_t>(it->value.GetDouble());
  if (it->value.IsString()) {
    std::int64_t n = 0;
    const char* s = it->value.GetString();
    const auto [end, ec] = std::from_chars(s, s + it->value.GetStringLength(), n);
    if (ec == std::errc{} && end == s + it->value.GetStringLength()) return n;
  }
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
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return out;
  out.is_object = true;
  out.id = string_member(doc, "id");
  if (!out.id) {
    if (auto numeric = integer_member(doc, "id")) out.id = std::to_string(*numeric);
  }
  out.status = string_member(doc, "status");
  out.reference_id = string_member(doc, "reference_id");
  out.access_token = string_member(doc, "access_token");
  out.expires_in = integer_member(doc, "expires_in");
  out.error_message = error_message(doc);
  out.oauth_error = string_member(doc, "error");
  return out;
}

}  // namespace payq::api
