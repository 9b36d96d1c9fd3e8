#!/usr/bin/env bash
# integration/daemon_busy_database_test.sh PAYQ SANDBOX — the database's bad moments and a second daemon: another
# process holds the write lock for 12 s in the middle of a run (the daemon waits it out and finishes), a second
# `payq run` through a symlink to the database file or a symlinked directory is refused (exit 7), and so is one
# that finds a fresh heartbeat of a daemon on another host.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --settle-min 1s --settle-max 2s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0
write_config "workers: { count: 4 }"
make_intents 150 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

"$payq" --config "$work/payq.yaml" run --until-idle >"$work/run.out" 2>"$work/run.log" &
daemon=$!
# Wait (bounded) until the daemon is mid-run: some intents created, some still queued.
for _ in $(seq 300); do
  [ "$(db_value "SELECT count(*) FROM payment_intents WHERE state <> 'queued'")" -ge 20 ] && break
  sleep 0.1
done

# A second daemon on the same file, by other spellings of its path, while the first one runs.
mkdir -p "$work/other"
ln -s "$work/q.db" "$work/other/link.db"
ln -s "$work" "$work/alias"
expect_exit 7 "second daemon through a symlink to the file" -- "$payq" --config "$work/payq.yaml" --db "$work/other/link.db" run
expect_contains "it names the holder" "$err" "(pid $daemon)"
expect_exit 7 "second daemon through a symlinked directory" -- "$payq" --config "$work/payq.yaml" --db "$work/alias/q.db" run

# Another writer holds the write lock for 12 s (longer than the 5 s busy timeout, twice over).
( echo ".timeout 20000"; echo "BEGIN IMMEDIATE; UPDATE payment_intents SET batch = batch WHERE id = 1;"; sleep 12; echo "COMMIT;" ) \
  | sqlite3 "$work/q.db" &
holder=$!
wait "$holder"
expect_eq "the other writer held the lock for 12 s and committed" "$?" "0"
expect_eq "the daemon is still running after the lock was released" "$(kill -0 "$daemon" 2>/dev/null && echo alive)" "alive"
timeout 300 tail --pid="$daemon" -f /dev/null
wait "$daemon"
expect_eq "the daemon finished the run" "$?" "0"
expect_eq "every intent is final and paid" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled' AND remote_status = 'paid'")" "150"
expect_eq "no duplicate at the partner" "$(sandbox_stat '$.duplicate_reference_ids')" "0"
expect_contains "the wait for the lock was said" "$(cat "$work/run.log")" "database is locked"

# A fresh heartbeat written by a daemon on another host refuses the start; a stale one does not.
now_ms=$(($(date +%s) * 1000))
sqlite3 "$work/q.db" "UPDATE daemon_heartbeat SET host = 'billing-2', pid = 4242, beat_at = $now_ms, stopped_at = NULL"
expect_exit 7 "a daemon on another host beat just now" -- "$payq" --config "$work/payq.yaml" run --until-idle
expect_contains "it names the other host" "$err" "on host billing-2"
sqlite3 "$work/q.db" "UPDATE daemon_heartbeat SET beat_at = $((now_ms - 120000))"
expect_exit 0 "a heartbeat two minutes old is a daemon that is gone" -- \
  timeout 60 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "integrity" "$(db_value 'PRAGMA integrity_check')" "ok"
finish
