// sim/sim_partner.cpp — the simulated partner's routes. Every arrival (429s included) enters the rolling window
// first; a payment's status is a function of virtual time, so a poll answers exactly what the partner knows then.
#include "sim/sim_partner.h"

#include <algorithm>
#include <utility>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace payq::sim {
namespace {

constexpr std::string_view kTokenPath = "/oauth/token";
constexpr std::string_view kPaymentPath = "/payment/request";

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string json_object(const Fields& fields, std::optional<std::int64_t> expires_in = std::nullopt) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  for (const auto& [key, value] : fields) {
    w.Key(key.c_str());
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  if (expires_in) {
    w.Key("expires_in");
    w.Int64(*expires_in);
  }
  w.EndObject();
  return buffer.GetString();
}

api::HttpResponse respond(int status, std::string body, api::HttpHeaders headers = {}) {
  api::HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

api::HttpResponse error(int status, const std::string& message, api::HttpHeaders headers = {}) {
  return respond(status, "{\"error\":" + json_object({{"message", message}}) + "}", std::move(headers));
}

// The path of an absolute URL ("http://host:port/path" -> "/path").
std::string path_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

std::string string_member(const rapidjson::Document& doc, const char* name) {
  const auto it = doc.FindMember(name);
  return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

SimPartner::SimPartner(Clock& clock, PartnerOptions options)
    : clock_(clock), options_(std::move(options)), start_(clock.steady_now()) {}

api::TransportResult SimPartner::send(const api::HttpRequest& request) {
  const auto one_way = options_.latency / 2;
  if (one_way.count() > 0) clock_.sleep_until(clock_.steady_now() + one_way, {});
  api::HttpResponse response;
  {
    std::lock_guard lock(mutex_);
    response = answer_locked(request, clock_.steady_now());
  }
  if (one_way.count() > 0) clock_.sleep_until(clock_.steady_now() + one_way, {});
  return response;
}

api::HttpResponse SimPartner::answer_locked(const api::HttpRequest& request,
                                            std::chrono::steady_clock::time_point now) {
  const std::string path = path_of(request.url);
  const bool token = request.method == api::HttpMethod::kPost && path == kTokenPath;
  const bool create = request.method == api::HttpMethod::kPost && path == kPaymentPath;
  const bool poll = request.method == api::HttpMethod::kGet && path.rfind(std::string(kPaymentPath) + "/", 0) == 0;
  if (token) ++stats_.token_calls;
  if (create) ++stats_.create_calls;
  if (poll) {
    ++stats_.poll_calls;
    const auto hour = static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::hours>(now - start_).count());
    if (stats_.polls_per_hour.size() <= hour) stats_.polls_per_hour.resize(hour + 1, 0);
    ++stats_.polls_per_hour[hour];
  }
  if (!admit_locked(now)) {
    ++stats_.throttled;
    return error(429, "rate limit exceeded", {{"Retry-After", "1"}});
  }
  if (token) return token_locked(now);
  if (!create && !poll) return error(404, "no route for " + path);
  if (!authorized_locked(request, now)) {
    ++stats_.unauthorized;
    return error(401, "missing, unknown or expired bearer token");
  }
  if (create) return create_locked(request, now);
  return poll_locked(path.substr(kPaymentPath.size() + 1), now);
}

// Counts the arrival in the rolling window; false when the window already held `limit` arrivals.
bool SimPartner::admit_locked(std::chrono::steady_clock::time_point now) {
  while (!arrivals_.empty() && arrivals_.front() <= now - options_.window) arrivals_.pop_front();
  arrivals_.push_back(now);
  const int in_window = static_cast<int>(arrivals_.size());
  stats_.busiest_window = std::max(stats_.busiest_window, in_window);
  if (in_window <= options_.limit) return true;
  ++stats_.over_limit;
  return false;
}

api::HttpResponse SimPartner::token_locked(std::chrono::steady_clock::time_point now) {
  const std::string token = "sim-token-" + std::to_string(stats_.token_calls);
  tokens_[token] = now + options_.token_lifetime;
  return respond(200, json_object({{"access_token", token}, {"token_type", "Bearer"}},
                                  options_.token_lifetime.count()));
}

bool SimPartner::authorized_locked(const api::HttpRequest& request, std::chrono::steady_clock::time_point now) const {
  for (const auto& [name, value] : request.headers) {
    if (name != "Authorization" || value.rfind("Bearer ", 0) != 0) continue;
    const auto it = tokens_.find(value.substr(7));
    return it != tokens_.end() && now < it->second;
  }
  return false;
}

api::HttpResponse SimPartner::create_locked(const api::HttpRequest& request,
                                            std::chrono::steady_clock::time_point now) {
  rapidjson::Document doc;
  doc.Parse(request.body.c_str());
  if (doc.HasParseError() || !doc.IsObject()) return error(400, "body: must be a JSON object");
  const std::string reference = string_member(doc, "reference_id");
  const Fate fate = draw_fate(options_.workload, options_.seed, reference);
  const std::string id = "pr_" + std::to_string(stats_.payments.size() + 1);
  by_id_[id] = stats_.payments.size();
  stats_.payments.push_back({reference, fate.final_status, now, now + fate.after, 0, std::nullopt});
  stats_.last_create = now - start_;
  return respond(201, json_object({{"id", id},
                                   {"status", "pending"},
                                   {"amount", string_member(doc, "amount")},
                                   {"currency", string_member(doc, "currency")},
                                   {"redirect_url", string_member(doc, "redirect_url")},
                                   {"reference_id", reference}}));
}

api::HttpResponse SimPartner::poll_locked(const std::string& id, std::chrono::steady_clock::time_point now) {
  const auto it = by_id_.find(id);
  if (it == by_id_.end()) return error(404, "payment request not found");
  PaymentRecord& p = stats_.payments[it->second];
  ++p.polls;
  const bool changed = now >= p.changes_at;
  if (changed && !p.seen_at) p.seen_at = now;
  return respond(200, json_object({{"id", id},
                                   {"status", changed ? p.final_status : "pending"},
                                   {"reference_id", p.reference_id}}));
}

PartnerStats SimPartner::stats() {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace payq::sim
