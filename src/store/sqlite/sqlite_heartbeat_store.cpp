// store/sqlite/sqlite_heartbeat_store.cpp — one upsert per beat on a single-row table: a few bytes every few seconds.
#include "store/sqlite/sqlite_heartbeat_store.h"

#include <SQLiteCpp/Statement.h>

#include "store/sqlite/sqlite_error.h"

namespace payq::store {

Status SqliteHeartbeatStore::beat(const Heartbeat& h) {
  try {
    SQLite::Statement q(db_, "INSERT OR REPLACE INTO daemon_heartbeat (id, pid, version, started_at, beat_at, rate,"
                             " margin_us, host, epoch, problem, poll_policy) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, h.pid);
    q.bind(2, h.version);
    q.bind(3, h.started_at);
    q.bind(4, h.beat_at);
    q.bind(5, h.rate);
    q.bind(6, h.margin_us);
    q.bind(7, h.host);
    q.bind(8, h.epoch);
    if (h.problem) {
      q.bind(9, *h.problem);
    } else {
      q.bind(9);
    }
    q.bind(10, h.poll_policy);
    q.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "write the daemon heartbeat");
  }
}

Status SqliteHeartbeatStore::mark_stopped(std::int64_t epoch, std::int64_t now_ms) {
  try {
    SQLite::Statement q(db_, "UPDATE daemon_heartbeat SET stopped_at = ? WHERE epoch = ?");
    q.bind(1, now_ms);
    q.bind(2, epoch);
    q.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record the daemon's stop in its heartbeat");
  }
}

Result<std::optional<Heartbeat>> SqliteHeartbeatStore::read() {
  try {
    SQLite::Statement q(db_, "SELECT pid, version, started_at, beat_at, rate, margin_us, host, coalesce(epoch, 0),"
                             " problem, coalesce(poll_policy, ''), stopped_at FROM daemon_heartbeat");
    if (!q.executeStep()) return std::optional<Heartbeat>{};
    Heartbeat h{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                q.getColumn(3).getInt64(), q.getColumn(4).getDouble(), q.getColumn(5).getInt64(),
                q.getColumn(6).getString(), q.getColumn(7).getInt64(), std::nullopt};
    if (!q.getColumn(8).isNull()) h.problem = q.getColumn(8).getString();
    h.poll_policy = q.getColumn(9).getString();
    if (!q.getColumn(10).isNull()) h.stopped_at = q.getColumn(10).getInt64();
    return std::optional<Heartbeat>(std::move(h));
  } catch (const std::exception& e) {
    return to_status(e, "read the daemon heartbeat");
  }
}

Status SqliteHeartbeatStore::beat_standby(const Standby& standby) {
  try {
    SQLite::Statement q(db_, "INSERT INTO daemon_standbys (host, pid, since, beat_at) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (host, pid) DO UPDATE SET since = excluded.since, beat_at = excluded.beat_at");
    q.bind(1, standby.host);
    q.bind(2, standby.pid);
    q.bind(3, standby.since);
    q.bind(4, standby.beat_at);
    q.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record this standby");
  }
}

Status SqliteHeartbeatStore::remove_standby(std::int64_t pid, const std::string& host) {
  try {
    SQLite::Statement q(db_, "DELETE FROM daemon_standbys WHERE host = ? AND pid = ?");
    q.bind(1, host);
    q.bind(2, pid);
    q.exec();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "remove this standby");
  }
}

Result<std::vector<Standby>> SqliteHeartbeatStore::standbys(std::int64_t seen_since_ms) {
  try {
    SQLite::Statement q(db_, "SELECT pid, host, since, beat_at FROM daemon_standbys WHERE beat_at >= ?"
                             " ORDER BY since, host, pid");
    q.bind(1, seen_since_ms);
    std::vector<Standby> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "read the standbys");
  }
}

}  // namespace payq::store
