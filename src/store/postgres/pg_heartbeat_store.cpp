// store/postgres/pg_heartbeat_store.cpp — the heartbeat row on PostgreSQL; a beat replaces every column (and so
// clears stopped_at), as SQLite's INSERT OR REPLACE does.
#include "store/postgres/pg_heartbeat_store.h"

#include <pqxx/pqxx>

#include "store/postgres/pg_error.h"

namespace payq::store::postgres {

Status PgHeartbeatStore::beat(const Heartbeat& h) {
  try {
    pqxx::work transaction(session_);
    transaction.exec_params(
        "INSERT INTO daemon_heartbeat (id, pid, version, started_at, beat_at, rate, margin_us, host, epoch, problem,"
        " poll_policy, stopped_at) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)"
        " ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, version = excluded.version,"
        " started_at = excluded.started_at, beat_at = excluded.beat_at, rate = excluded.rate,"
        " margin_us = excluded.margin_us, host = excluded.host, epoch = excluded.epoch, problem = excluded.problem,"
        " poll_policy = excluded.poll_policy, stopped_at = NULL",
        h.pid, h.version, h.started_at, h.beat_at, h.rate, h.margin_us, h.host, h.epoch, h.problem, h.poll_policy);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "write the daemon heartbeat");
  }
}

Status PgHeartbeatStore::mark_stopped(std::int64_t epoch, std::int64_t now_ms) {
  try {
    pqxx::work transaction(session_);
    transaction.exec_params("UPDATE daemon_heartbeat SET stopped_at = $1 WHERE epoch = $2", now_ms, epoch);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record the daemon's stop in its heartbeat");
  }
}

Result<std::optional<Heartbeat>> PgHeartbeatStore::read() {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows =
        transaction.exec("SELECT pid, version, started_at, beat_at, rate, margin_us, host, coalesce(epoch, 0),"
                         " problem, coalesce(poll_policy, ''), stopped_at FROM daemon_heartbeat");
    if (rows.empty()) return std::optional<Heartbeat>{};
    const pqxx::row r = rows[0];
    Heartbeat h{r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::int64_t>(), r[3].as<std::int64_t>(),
                r[4].as<double>(),       r[5].as<std::int64_t>(), r[6].as<std::string>(), r[7].as<std::int64_t>(),
                std::nullopt};
    if (!r[8].is_null()) h.problem = r[8].as<std::string>();
    h.poll_policy = r[9].as<std::string>();
    if (!r[10].is_null()) h.stopped_at = r[10].as<std::int64_t>();
    return std::optional<Heartbeat>(std::move(h));
  } catch (const std::exception& e) {
    return to_status(e, "read the daemon heartbeat");
  }
}

Status PgHeartbeatStore::beat_standby(const Standby& standby) {
  try {
    pqxx::work transaction(session_);
    transaction.exec_params(
        "INSERT INTO daemon_standbys (host, pid, since, beat_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (host, pid) DO UPDATE SET since = excluded.since, beat_at = excluded.beat_at",
        standby.host, standby.pid, standby.since, standby.beat_at);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "record this standby");
  }
}

Status PgHeartbeatStore::remove_standby(std::int64_t pid, const std::string& host) {
  try {
    pqxx::work transaction(session_);
    transaction.exec_params("DELETE FROM daemon_standbys WHERE host = $1 AND pid = $2", host, pid);
    transaction.commit();
    return Status::ok();
  } catch (const std::exception& e) {
    return to_status(e, "remove this standby");
  }
}

Result<std::vector<Standby>> PgHeartbeatStore::standbys(std::int64_t seen_since_ms) {
  try {
    pqxx::read_transaction transaction(session_);
    const pqxx::result rows = transaction.exec_params(
        "SELECT pid, host, since, beat_at FROM daemon_standbys WHERE beat_at >= $1 ORDER BY since, host, pid",
        seen_since_ms);
    std::vector<Standby> out;
    out.reserve(rows.size());
    for (const pqxx::row& r : rows) {
      out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::int64_t>(),
                     r[3].as<std::int64_t>()});
    }
    return out;
  } catch (const std::exception& e) {
    return to_status(e, "read the standbys");
  }
}

}  // namespace payq::store::postgres
