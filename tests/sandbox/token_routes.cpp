// sandbox/token_routes.cpp — the OAuth client_credentials endpoint: credentials from the form or HTTP
// Basic (RFC 6749 §2.3.1), wrong grant 400, wrong credentials 401, otherwise a token with expires_in.
// With --echo-token-request its errors echo the whole request, and it refuses the first N calls.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <map>
#include <memory>

#include "sandbox.h"

namespace payq::sandbox {
namespace {

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> form;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string pair = body.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (!pair.empty()) form[url_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : url_decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return form;
}

std::string base64_decode(const std::string& text) {
  static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) break;  // '=' padding or garbage ends the data
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

struct Credentials {
  std::string id;
  std::string secret;
};

Credentials credentials_of(const httplib::Request& req, const std::map<std::string, std::string>& form) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Basic ", 0) == 0) {
    const std::string pair = base64_decode(auth.substr(6));
    const auto colon = pair.find(':');
    if (colon != std::string::npos) return {url_decode(pair.substr(0, colon)), url_decode(pair.substr(colon + 1))};
  }
  const auto id = form.find("client_id");
  const auto secret = form.find("client_secret");
  return {id == form.end() ? "" : id->second, secret == form.end() ? "" : secret->second};
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void string_field(JsonWriter& writer, const char* name, const std::string& value) {
  writer.Key(name);
  writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

// The request as a partner that shows what it refused might send it back: every header (Authorization too),
// the form body as it came, and the credentials as decoded.
void write_echo(JsonWriter& writer, const httplib::Request& req) {
  const Credentials presented = credentials_of(req, parse_form(req.body));
  writer.Key("request");
  writer.StartObject();
  string_field(writer, "method", req.method);
  string_field(writer, "path", req.path);
  writer.Key("headers");
  writer.StartObject();
  for (const auto& [name, value] : req.headers) string_field(writer, name.c_str(), value);
  writer.EndObject();
  string_field(writer, "body", req.body);
  string_field(writer, "client_id", presented.id);
  string_field(writer, "client_secret", presented.secret);
  writer.EndObject();
}

// An OAuth error (RFC 6749 §5.2); with `echo`, the description quotes the request and the body echoes it.
void oauth_error(httplib::Response& res, int status, const char* error, std::string description,
                 const httplib::Request* echo) {
  if (echo != nullptr) {
    description += "; you sent " + echo->body + " with Authorization: " + echo->get_header_value("Authorization");
  }
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  string_field(writer, "error", error);
  string_field(writer, "error_description", description);
  if (echo != nullptr) write_echo(writer, *echo);
  writer.EndObject();
  res.status = status;
  res.set_content(buffer.GetString(), "application/json");
}

// refuse: answer 401 even to the right credentials (--echo-token-request).
void issue_token(Sandbox& sandbox, const httplib::Request& req, httplib::Response& res, bool refuse) {
  const httplib::Request* echo = sandbox.options.echo_token_request ? &req : nullptr;
  const auto form = parse_form(req.body);
  const auto grant = form.find("grant_type");
  if (grant == form.end() || grant->second != "client_credentials") {
    return oauth_error(res, 400, "unsupported_grant_type", "grant_type must be client_credentials", echo);
  }
  const Credentials presented = credentials_of(req, form);
  if (refuse) return oauth_error(res, 401, "invalid_client", "refused (--echo-token-request)", echo);
  if (presented.id != sandbox.options.client_id || presented.secret != sandbox.options.client_secret) {
    return oauth_error(res, 401, "invalid_client", "unknown client or wrong client secret", echo);
  }
  const auto lifetime = std::chrono::seconds(sandbox.options.token_expires_in);
  const std::string token = sandbox.tokens.issue(presented.id, sandbox.clock.now() + lifetime);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("access_token");
  writer.String(token.c_str());
  writer.Key("token_type");
  writer.String("Bearer");
  writer.Key("expires_in");
  writer.Int64(sandbox.options.token_expires_in);
  writer.EndObject();
  res.status = 200;
  res.set_content(buffer.GetString(), "application/json");
}

}  // namespace

void register_token_routes(httplib::Server& server, Sandbox& sandbox) {
  auto client_of = [](const httplib::Request& req) {
    const auto form = parse_form(req.body);
    const std::string id = credentials_of(req, form).id;
    return id.empty() ? "anonymous:" + req.remote_addr : id;
  };
  auto answered = std::make_shared<std::atomic<std::int64_t>>(0);  // token calls that reached the route
  server.Post(sandbox.options.token_path,
              partner_endpoint(sandbox, "token", client_of,
                               [&sandbox, answered](const httplib::Request& req, httplib::Response& res, Exchange&) {
                                 const auto& refusals = sandbox.options.echo_token_request;
                                 issue_token(sandbox, req, res, refusals && answered->fetch_add(1) < *refusals);
                               }));
}

}  // namespace payq::sandbox
