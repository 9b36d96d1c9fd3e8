// sandbox/sandbox.cpp — the steps shared by every partner endpoint, in the order a real network and a
// strict partner impose them: the request travels (delay), is counted on arrival, is answered, travels back.
#include "sandbox.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>
#include <thread>

#include "drop_connection.h"

namespace payq::sandbox {
namespace {

std::string http_date(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

void rate_limited(const Sandbox& sandbox, httplib::Response& res) {
  json_error(res, 429, "rate limit exceeded");
  if (!sandbox.options.retry_after) return;
  const std::int64_t seconds = *sandbox.options.retry_after;
  switch (sandbox.options.retry_after_form) {
    case RetryAfterForm::kSeconds: res.set_header("Retry-After", std::to_string(seconds)); break;
    case RetryAfterForm::kDate:
      // Rounded up: the date form has whole seconds, and a date that came too early would invite a 429.
      res.set_header("Retry-After", http_date(std::chrono::system_clock::now() + std::chrono::seconds(seconds + 1)));
      break;
  }
}

// false when the answer is already decided (outage, 429) and the route must not run.
bool admit(Sandbox& sandbox, httplib::Response& res, Exchange& exchange,
           const std::string& client) {
  std::this_thread::sleep_for(sandbox.faults.one_way_delay());
  const auto arrival = std::chrono::steady_clock::now();
  if (sandbox.faults.in_outage(arrival)) {
    switch (sandbox.options.outage_mode) {
      case OutageMode::kServiceUnavailable: json_error(res, 503, "service unavailable (outage)"); break;
      case OutageMode::kClose: exchange.drop = true; break;
      case OutageMode::kRefuse: json_error(res, 503, "service unavailable (outage)"); break;  // not listening
    }
    return false;
  }
  if (!sandbox.limiter.admit(client, arrival)) {
    rate_limited(sandbox, res);
    return false;
  }
  return true;
}

}  // namespace

void json_error(httplib::Response& res, int status, const std::string& message) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("error");
  writer.StartObject();
  writer.Key("message");
  writer.String(message.c_str());
  writer.EndObject();
  writer.EndObject();
  res.status = status;
  res.set_content(buffer.GetString(), "application/json");
}

httplib::Server::Handler partner_endpoint(Sandbox& sandbox, std::string endpoint,
                                          std::function<std::string(const httplib::Request&)> client_of,
                                          Route route) {
  return [&sandbox, endpoint = std::move(endpoint), client_of = std::move(client_of), route = std::move(route)](
             const httplib::Request& req, httplib::Response& res) {
    Exchange exchange;
    if (admit(sandbox, res, exchange, client_of(req))) route(req, res, exchange);
    // Recorded before the connection drops: a client that saw the drop may read the stats at once.
    sandbox.stats.record(endpoint, exchange.drop ? 0 : res.status);
    if (!exchange.drop) {
      std::this_thread::sleep_for(sandbox.faults.one_way_delay());
    } else if (!drop_connection(req)) {
      json_error(res, 500, "sandbox could not drop the connection");
    }
  };
}

}  // namespace payq::sandbox
