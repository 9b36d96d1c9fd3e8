// sandbox/admin_routes.cpp — /_admin/stats (what the sandbox saw), /_admin/payments (every request created; with
// ?format=json its fate and when it changes) and /_admin/advance (the sandbox clock). Not limited, delayed or counted.
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

long long epoch_ms(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
}

// Every payment request created with its fate: what a test needs to measure how late a change was seen.
// changed_at_ms (wall time on the sandbox clock) is when its status changes or changed, null if it never does.
std::string payments_json(const Sandbox& sandbox) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  const auto now = sandbox.clock.now();
  w.StartArray();
  for (const Payment& p : sandbox.store.all()) {
    w.StartObject();
    w.Key("id");
    w.String(p.id.c_str());
    w.Key("reference_id");
    if (p.reference_id) w.String(p.reference_id->c_str());
    else w.Null();
    w.Key("created_at_ms");
    w.Int64(epoch_ms(p.created_wall));
    w.Key("fate");
    w.String(p.fate.c_str());
    w.Key("status");
    w.String(status_at(p, now).c_str());
    w.Key("changed_at_ms");
    if (p.fate == "pending") w.Null();
    else w.Int64(epoch_ms(p.created_wall + p.settle_after));
    w.EndObject();
  }
  w.EndArray();
  return buffer.GetString();
}

}  // namespace

void register_admin_routes(httplib::Server& server, Sandbox& sandbox) {
  server.Get("/_admin/stats", [&sandbox](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(stats_json(sandbox), "application/json");
  });
  server.Get("/_admin/payments", [&sandbox](const httplib::Request& req, httplib::Response& res) {
    res.status = 200;
    if (req.get_param_value("format") == "json") res.set_content(payments_json(sandbox), "application/json");
    else res.set_content(created_lines(sandbox), "text/plain");
  });
  server.Post("/_admin/advance", [&sandbox](const httplib::Request& req, httplib::Response& res) {
    const long long seconds = std::atoll(req.get_param_value("seconds").c_str());
    sandbox.clock.advance(std::chrono::seconds(seconds));
    res.status = 200;
    res.set_content("{\"advanced_seconds\":" + std::to_string(seconds) + "}", "application/json");
  });
}

}  // namespace payq::sandbox
