// api/http_transport.h — the one door to the network: send one HTTP request, get the response or a
// transport error saying whether the request may have left. An implementation serves one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace payq::api {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

enum class HttpMethod { kGet, kPost };

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string url;
  HttpHeaders headers;  // may carry a credential: never logged
  std::string body;     // may carry a credential (token call): never logged
  // false for a create: the transport must never send the body a second time on its own; when it
  // cannot tell whether the first copy left, it reports kMaybeSent instead of re-sending.
  bool resend_safe = true;
};

struct HttpResponse {
  int status = 0;
  std::string reason;  // text of the status line, e.g. "Bad Request"
  HttpHeaders headers;
  std::string body;

  // First value of the header, name compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
};

enum class TransportErrorClass {
  kNotSent,    // resolve, connect or TLS handshake failed: the partner saw nothing
  kMaybeSent,  // anything after the request may have left: timeout, reset, empty reply, refused rewind
};

struct TransportError {
  TransportErrorClass error_class = TransportErrorClass::kMaybeSent;
  std::string description;  // short, for logs and api_calls; never a header or a body
};

// A response, or a transport error: exactly one of the two.
class TransportResult {
 public:
  TransportResult(HttpResponse response) : value_(std::move(response)) {}  // NOLINT(google-explicit-constructor)
  TransportResult(TransportError error) : value_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool has_response() const { return std::holds_alternative<HttpResponse>(value_); }
  const HttpResponse& response() const { return std::get<HttpResponse>(value_); }
  const TransportError& error() const { return std::get<TransportError>(value_); }

 private:
  std::variant<HttpResponse, TransportError> value_;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Sends one request and waits for the whole response or a failure; bounded by the transport's timeouts.
  virtual TransportResult send(const HttpRequest& request) = 0;
};

std::string_view to_string(TransportErrorClass error_class);

}  // namespace payq::api
