// daemon/daemon_liveness.cpp — heartbeat freshness plus, on this host, whether the pid still runs (kill 0).
// A stale or dead holder is not a reason to refuse: a kill -9 must be restartable at once.
#include "daemon/daemon_liveness.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "daemon/maintenance.h"
#include "store/heartbeat_store.h"

namespace payq::daemon {
namespace {

bool pid_alive(std::int64_t pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

bool heartbeat_stopped_cleanly(const store::Heartbeat& beat) {
  return beat.stopped_at && *beat.stopped_at >= beat.beat_at;
}

bool heartbeat_running(const store::Heartbeat& beat, std::int64_t now_ms) {
  return !heartbeat_stopped_cleanly(beat) && now_ms - beat.beat_at <= std::chrono::milliseconds(kLiveHeartbeat).count();
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

Status check_no_live_daemon(store::HeartbeatStore& heartbeats, const DaemonIdentity& self, std::int64_t now_ms) {
  auto beat = heartbeats.read();
  if (!beat) return beat.status();
  if (!beat->has_value()) return Status::ok();
  const store::Heartbeat& other = **beat;
  const std::int64_t age_ms = now_ms - other.beat_at;
  if (!heartbeat_running(other, now_ms)) return Status::ok();  // stale, or it stopped cleanly
  const bool same_host = other.host.empty() || other.host == self.host;
  if (same_host && (other.pid == self.pid || !pid_alive(other.pid))) return Status::ok();
  return {StatusCode::kConflict,
          "another payq run (pid " + std::to_string(other.pid) + (same_host ? "" : " on host " + other.host) +
              ") wrote its heartbeat " + std::to_string(age_ms / 1000) +
              " s ago on this database; stop it first (a heartbeat older than " +
              std::to_string(kLiveHeartbeat.count()) + " s is ignored)"};
}

}  // namespace payq::daemon
