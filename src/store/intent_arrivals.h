// store/intent_arrivals.h — a session of its own that hears when new intents were committed, so idle submitters
// need not poll for them. Only stores that can tell other processes' commits have one (open_store.h). One thread.
#pragma once

#include <chrono>

#include "payq/status.h"

namespace payq::store {

class IntentArrivals {
 public:
  virtual ~IntentArrivals() = default;

  // Blocks up to `timeout` for word of intents committed since the last call (by any process). True when some
  // arrived (everything pending is consumed: one true for any number of commits), false on timeout. An error
  // means the session is broken and stays broken: drop this object and open a new one.
  virtual Result<bool> wait(std::chrono::milliseconds timeout) = 0;
};

}  // namespace payq::store
