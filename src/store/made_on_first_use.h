// store/made_on_first_use.h — how a store's Connection hands out its concern objects: each made on first use over
// the connection's session (preparing its statements then), then the same one. Header-only.
#pragma once

#include <memory>

namespace payq::store {

template <typename Concern, typename Session>
Concern& made_on_first_use(std::unique_ptr<Concern>& slot, Session& session) {
  if (!slot) slot = std::make_unique<Concern>(session);
  return *slot;
}

}  // namespace payq::store
