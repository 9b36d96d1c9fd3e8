// store/leader_lock.h — which of the daemons sharing one database may claim and send: the one holding the leader
// lock. Never waits; one thread. On SQLite one daemon runs per file (daemon/instance_lock.h), so the lock is its own.
#pragma once

#include "payq/status.h"

namespace payq::store {

class LeaderLock {
 public:
  virtual ~LeaderLock() = default;

  // True when several daemons may share the database: the ones that do not lead wait as standbys.
  virtual bool shared() const = 0;
  // Takes the lock if nobody holds it; true when this process leads from now on.
  virtual Result<bool> try_acquire() = 0;
  // While leading: ok while the lock is still ours. Anything else means it is gone (its session was lost) and
  // another daemon may lead already: stop sending at once.
  virtual Status still_held() = 0;
};

}  // namespace payq::store
