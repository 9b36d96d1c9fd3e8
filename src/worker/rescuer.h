// worker/rescuer.h — recovers intents whose claim expired (the daemon died or hung mid-call). Each may or may
// not have reached the partner, so it is an ambiguous outcome, decided like any other (retry or hold).
// Runs on the maintenance thread with that thread's connection.
#pragma once

#include <cstdint>
#include <random>

#include <SQLiteCpp/Database.h>

#include "store/queue_store.h"
#include "worker/create_decision.h"

namespace payq::worker {

class Rescuer {
 public:
  Rescuer(SQLite::Database& db, const CreatePolicy& policy);

  // Recovers every submitting intent whose lease ended at or before `now_ms`; returns how many.
  // At start, with the instance lock held, pass the far future: every submitting intent is an orphan.
  Result<int> recover(std::int64_t leases_ended_by_ms, std::int64_t now_ms);

 private:
  store::QueueStore queue_;
  const CreatePolicy& policy_;
  std::mt19937_64 rng_;
};

}  // namespace payq::worker
