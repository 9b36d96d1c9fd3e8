// sandbox/admin_routes.cpp — /_admin/stats (what the sandbox saw), /_admin/payments (every request created) and
// /_admin/advance (move the sandbox clock). Not rate limited, delayed or faulted, and not counted in the stats.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sandbox.h"

namespace payq::sandbox {
namespace {

std::string stats_json(const Sandbox& sandbox) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("requests");
  w.StartObject();
  for (const auto& [endpoint, statuses] : sandbox.stats.by_endpoint()) {
    w.Key(endpoint.c_str());
    w.StartObject();
    for (const auto& [status, count] : statuses) {
      w.Key(status == 0 ? "dropped" : std::to_string(status).c_str());
      w.Int(count);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("rate_limited");
  w.Int(sandbox.stats.count_status(429));
  w.Key("unauthorized");
  w.Int(sandbox.stats.count_status(401));
  w.Key("dropped");
  w.Int(sandbox.stats.count_status(0));
  w.Key("max_accepted_in_window");
  w.Int(sandbox.limiter.max_accepted_in_window());
  w.Key("max_arrived_in_window");
  w.Int(sandbox.limiter.max_arrived_in_window());
  w.Key("payments_created");
  w.Uint64(sandbox.store.size());
  const auto duplicates = sandbox.store.duplicates();
  w.Key("duplicate_reference_ids");
  w.Int(static_cast<int>(duplicates.size()));
  w.Key("duplicates");
  w.StartObject();
  for (const auto& [reference, count] : duplicates) {
    w.Key(reference.c_str());
    w.Int(count);
  }
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

// Every payment request created, one "id reference_id" line each: what a test compares with the database.
std::string created_lines(const Sandbox& sandbox) {
  std::string out;
  for (const auto& [id, reference] : sandbox.store.created()) out += id + " " + reference + "\n";
  return out;
}

}  // namespace

void register_admin_routes(httplib::Server& server, Sandbox& sandbox) {
  server.Get("/_admin/stats", [&sandbox](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(stats_json(sandbox), "application/json");
  });
  server.Get("/_admin/payments", [&sandbox](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(created_lines(sandbox), "text/plain");
  });
  server.Post("/_admin/advance", [&sandbox](const httplib::Request& req, httplib::Response& res) {
    const long long seconds = std::atoll(req.get_param_value("seconds").c_str());
    sandbox.clock.advance(std::chrono::seconds(seconds));
    res.status = 200;
    res.set_content("{\"advanced_seconds\":" + std::to_string(seconds) + "}", "application/json");
  });
}

}  // namespace payq::sandbox
