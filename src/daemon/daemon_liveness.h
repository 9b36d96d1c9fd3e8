// daemon/daemon_liveness.h — the second guard against two daemons on one database, beside the instance lock:
// a heartbeat written recently by a daemon that is still alive (on another host, or a live pid here) refuses
// the start. Called once at start on the main connection. Also the one rule of whether a daemon runs (status).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "payq/status.h"
#include "store/heartbeat_store.h"

namespace payq::daemon {

struct DaemonIdentity;

// A heartbeat older than this belongs to a daemon that is gone (it beats every few seconds).
inline constexpr std::chrono::seconds kLiveHeartbeat{30};

// The daemon that wrote this heartbeat stopped cleanly: its clean stop is recorded and nothing beat after it (a beat
// written since is a daemon running again).
bool heartbeat_stopped_cleanly(const store::Heartbeat& beat);

// A daemon runs: its heartbeat is younger than kLiveHeartbeat and it did not stop cleanly since. The one rule for
// `payq status` and for the start check below.
bool heartbeat_running(const store::Heartbeat& beat, std::int64_t now_ms);

// This machine's name, as the heartbeat records it.
std::string host_name();

// ok when no other daemon can be alive; kConflict naming its pid, host and last beat otherwise.
Status check_no_live_daemon(store::HeartbeatStore& heartbeats, const DaemonIdentity& self, std::int64_t now_ms);

}  // namespace payq::daemon
