// api/redact.h — hides our credentials in text about to leave api/ (a partner's message or body, which might
// echo what we sent) in every spelling we send or a partner may echo. Immutable once built; share freely.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace payq::api {

class Redactor {
 public:
  static constexpr std::string_view kMark = "[redacted]";

  Redactor() = default;
  // The client secret in any spelling (see with()), plus `client_id:client_secret` in HTTP Basic's Base64,
  // both with form-encoded parts (as TokenCache sends it, RFC 6749 §2.3.1) and raw (RFC 7617).
  Redactor(std::string_view client_id, std::string_view client_secret);

  // This one plus `credential` (e.g. a bearer token), matched byte by byte where each byte may appear raw,
  // percent-encoded (%xx in either case, mixed too), as '+' for a space, or JSON-escaped (\/, \", \\, \u00xx).
  // An empty credential adds nothing.
  Redactor with(std::string_view credential) const;

  // `text` with every occurrence replaced by kMark.
  std::string operator()(std::string text) const;

 private:
  std::vector<std::string> credentials_;  // matched leniently, as described at with()
  std::vector<std::string> exact_;        // Base64 spellings, matched as they are (with and without padding)
};

}  // namespace payq::api
