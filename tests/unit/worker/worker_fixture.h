// worker/worker_fixture.h — a database with intents, the fake clock and transport, and the shared services
// (limiter, scheduler, token cache) wired as the daemon wires them, for submitter/reconciler/rescuer tests.
#pragma once

#include <memory>
#include <stop_token>
#include <string>

#include <SQLiteCpp/Statement.h>

#include "api/token_cache.h"
#include "payq/producer.h"
#include "store/open_store.h"
#include "store/sqlite/sqlite_database.h"
#include "support/fake_clock.h"
#include "support/fake_transport.h"
#include "support/temp_dir.h"
#include "worker/budget_scheduler.h"
#include "worker/limiter_gate.h"
#include "worker/worker_context.h"

namespace payq::testing {

inline api::TransportResult token_ok() {
  return http_response(200, R"({"access_token":"tok","token_type":"Bearer","expires_in":3600})");
}

inline api::TransportResult created_answer(const std::string& ref, const std::string& id) {
  return http_response(201, R"({"id":")" + id + R"(","status":"pending","reference_id":")" + ref + R"("})");
}

inline api::TransportResult status_answer(const std::string& id, const std::string& status) {
  return http_response(200, R"({"id":")" + id + R"(","status":")" + status + R"("})");
}

struct WorkerFixture {
  TempDir dir;
  FakeClock clock;
  FakeTransport transport;
  std::stop_source stop;
  api::ApiSettings api;
  worker::WorkerSettings settings;
  limiter::Limiter limiter{clock};
  worker::BudgetScheduler scheduler{limiter, 0.2};
  worker::LimiterGate token_gate{limiter, stop.get_token()};
  std::unique_ptr<api::TokenCache> tokens;
  worker::StoreHealth store_health;
  worker::PartnerBreaker partner{clock, worker::BreakerOptions{}};
  worker::ClaimOwners owners{7};
  worker::SubmissionPause pause;
  metrics::Registry metrics;
  EpisodeLog rate_limited{clock, "429 from the partner"};
  worker::WorkBell arrivals;
  std::unique_ptr<SQLite::Database> db;

  explicit WorkerFixture(int intents) {
    api.base_url = "https://api.example";
    api.client_id = "merchant";
    api.client_secret = "worker-fixture-secret";
    settings.database_location = dir.file("q.db");
    settings.create.retry.max_attempts = 3;
    tokens = std::make_unique<api::TokenCache>(clock, token_gate, api);
    auto producer = Producer::open(settings.database_location);
    REQUIRE(producer.is_ok());
    for (int i = 1; i <= intents; ++i) {
      REQUIRE((*producer)->enqueue({"R-" + std::to_string(i), "10.50", "EUR", "https://s.example", std::nullopt}).is_ok());
    }
    db = std::move(store::open_database({.location = settings.database_location})).value();
    // The producer stored the intents with the real clock, each due from its creation: fake time starts after it.
    clock.set_wall(std::chrono::system_clock::now() + std::chrono::seconds(1));
    transport.push("/oauth/token", token_ok());
  }
  worker::WorkerContext context() {
    return {clock, limiter, scheduler, *tokens, api, settings, store_health, partner, owners, pause, metrics,
            rate_limited, arrivals};
  }
  std::unique_ptr<store::Connection> connection() {
    return std::move(store::open_store({.location = settings.database_location})).value();
  }
  std::string column(const std::string& ref, const std::string& column_name) {
    SQLite::Statement q(*db, "SELECT coalesce(" + column_name + ", '') FROM payment_intents WHERE reference_id = ?");
    q.bind(1, ref);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
  }
  int count(const std::string& sql) { return db->execAndGet(sql).getInt(); }
};

}  // namespace payq::testing
