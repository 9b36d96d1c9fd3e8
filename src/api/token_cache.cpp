// api/token_cache.cpp — fetching and sharing the client_credentials token. The HTTP call runs outside
// the lock; waiters sleep on a condition variable and take the fetch's result, success or failure.
#include "api/token_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "api/classify.h"
#include "api/url.h"

namespace payq::api {
namespace {

TokenResult granted(const std::string& token) {
  TokenResult result;
  result.access_token = token;
  return result;
}

// An OAuth error code as RFC 6749 §5.2 defines them ("invalid_client"): lower-case letters and '_', short.
// Anything else may be the partner's own words.
bool plain_oauth_code(std::string_view code) {
  return !code.empty() && code.size() <= 64 &&
         std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// What a failed token call leaves for api_calls, the intent's last_error and the log. Never the endpoint's
// body or reason phrase, which may echo our request and so the secret: only the status and a plain OAuth code.
// A transport's description is libcurl's own text, redacted all the same.
std::string failure_text(const TransportResult& sent, const ResponseBody& fields, const Redactor& redact) {
  if (!sent.has_response()) return "token endpoint: " + redact(sent.error().description);
  const int status = sent.response().status;
  std::string text = "token endpoint: HTTP " + std::to_string(status);
  if (status >= 200 && status < 300) return text + ": not a token response";
  const std::string code = fields.oauth_error.value_or("");
  if (plain_oauth_code(code) && redact(code) == code) text += " " + code;
  return text;
}

}  // namespace

TokenCache::TokenCache(Clock& clock, RequestGate& gate, const ApiSettings& settings)
    : clock_(clock),
      gate_(gate),
      token_url_(resolved_token_url(settings)),
      client_id_(settings.client_id),
      client_secret_(settings.client_secret),
      basic_auth_(settings.basic_auth),
      redactor_(settings.client_id, settings.client_secret) {}

TokenResult TokenCache::token(HttpTransport& transport, const CallSink& sink) {
  std::unique_lock lock(mutex_);
  while (fetching_) {
    const std::uint64_t seen = fetches_;
    clock_.wait(fetched_, lock, {}, [&] { return fetches_ != seen; });
    if (!token_.empty()) return granted(token_);
    if (last_failed_) return last_failure_;
  }
  if (!token_.empty() && clock_.steady_now() < refresh_at_) return granted(token_);
  fetching_ = true;
  lock.unlock();
  TokenResult result = fetch(transport, sink);  // stores under the lock itself
  lock.lock();
  fetching_ = false;
  ++fetches_;
  clock_.notify_all(fetched_);
  return result;
}

void TokenCache::invalidate(std::string_view stale) {
  std::lock_guard lock(mutex_);
  if (token_ == stale) token_.clear();
}

void TokenCache::replace_client_secret(std::string secret) {
  std::lock_guard lock(mutex_);
  redactor_ = Redactor(client_id_, secret);
  client_secret_ = std::move(secret);
  token_.clear();
}

// Called with mutex_ held (the secret may be replaced by a reload).
HttpRequest TokenCache::build_request() const {
  HttpRequest request;
  request.method = HttpMethod::kPost;
  request.url = token_url_;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = "grant_type=client_credentials";
  if (basic_auth_) {
    // RFC 6749 §2.3.1: each credential is form-encoded before it is joined and Base64-encoded.
    request.headers.emplace_back(
        "Authorization", "Basic " + base64_encode(percent_encode(client_id_) + ":" + percent_encode(client_secret_)));
  } else {
    request.body += "&client_id=" + percent_encode(client_id_) + "&client_secret=" + percent_encode(client_secret_);
  }
  return request;
}

TokenResult TokenCache::fetch(HttpTransport& transport, const CallSink& sink) {
  if (Status gate = gate_.acquire(RequestKind::kToken); !gate.is_ok()) {
    TokenResult refused;
    refused.outcome = Outcome::kRetryableNotSent;
    refused.error = "token request not sent: " + gate.message();
    return refused;
  }
  HttpRequest request;
  Redactor redactor;
  {
    std::lock_guard lock(mutex_);
    request = build_request();
    redactor = redactor_;
  }
  const auto started = clock_.steady_now();
  const auto started_wall = clock_.wall_now();
  const TransportResult sent = transport.send(request);
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.steady_now() - started);
  Classification c = classify(sent, Expectation{RequestKind::kToken, {}, {}}, clock_.wall_now());
  TokenResult result;
  result.outcome = c.outcome;
  if (c.outcome == Outcome::kSuccess) {
    result.access_token = *c.fields.access_token;
  } else {
    result.error = failure_text(sent, c.fields, redactor);
  }
  result.retry_after = c.retry_after;

  if (sink) {
    CallRecord record;
    record.kind = RequestKind::kToken;
    record.http_status = c.http_status;
    record.transport_error = c.transport_error;
    record.started_at = started_wall;
    record.latency = latency;
    record.outcome = c.outcome;
    record.error = result.error;
    sink(record);
  }
  spdlog::debug("api token: {} status={} {}ms{}{}", to_string(c.outcome), c.http_status, latency.count(),
                result.error.empty() ? "" : ": ", result.error);
  return store(std::move(result), c.fields.expires_in.value_or(kDefaultLifetime.count()), started);
}

TokenResult TokenCache::store(TokenResult result, std::int64_t expires_in_s,
                              std::chrono::steady_clock::time_point started) {
  std::lock_guard lock(mutex_);
  if (result.outcome != Outcome::kSuccess) {
    const auto now = clock_.steady_now();
    if (!token_.empty() && now < expires_at_) {  // refreshed early precisely so this can happen
      refresh_at_ = std::min(now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(kRefreshRetry),
                             now + (expires_at_ - now) / 2);
      last_failed_ = false;
      return granted(token_);
    }
    token_.clear();
    last_failed_ = true;
    last_failure_ = result;
    return result;
  }
  // expires_in is the partner's word, bounded before any time arithmetic: centuries would overflow the
  // steady time points; 0 or less would fetch a token before every call. A day is far above real tokens.
  const std::chrono::milliseconds lifetime = std::chrono::seconds(std::clamp<std::int64_t>(expires_in_s, 1, 86400));
  const std::chrono::milliseconds early =
      std::min<std::chrono::milliseconds>(std::max<std::chrono::milliseconds>(kMinEarlyRefresh, lifetime / 10),
                                          lifetime / 2);
  last_failed_ = false;
  token_ = result.access_token;
  expires_at_ = started + lifetime;            // from the request's start: the partner's clock began later
  refresh_at_ = started + lifetime - early;
  return result;
}

}  // namespace payq::api
