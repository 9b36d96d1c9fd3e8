// worker/rescuer.h — recovers the claims of earlier daemon starts (epochs): each such intent may or may not have
// reached the partner, so it is an ambiguous outcome, decided like any other (retry or hold). Never touches a
// claim of its own epoch: those belong to live threads of this process. Runs on the maintenance thread.
#pragma once

#include <cstdint>
#include <random>

#include "store/queue_store.h"
#include "worker/create_decision.h"

namespace payq::worker {

class Rescuer {
 public:
  Rescuer(store::QueueStore& queue, const CreatePolicy& policy, std::int64_t own_epoch);

  // Recovers every submitting intent of another epoch whose lease ended at or before `leases_ended_by_ms`;
  // returns how many. At start, with the instance lock held, pass the far future: every claim of an earlier
  // epoch is an orphan of a daemon that is gone.
  Result<int> recover(std::int64_t leases_ended_by_ms, std::int64_t now_ms);

 private:
  store::QueueStore& queue_;
  const CreatePolicy& policy_;
  const std::int64_t own_epoch_;
  std::mt19937_64 rng_;
};

}  // namespace payq::worker
