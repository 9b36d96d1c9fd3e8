#!/usr/bin/env bash
# integration/daemon_pause_test.sh PAYQ SANDBOX — `payq pause` stops a running daemon's claims within a second while
# its polls go on; the pause survives a restart; `payq resume` lets the queued intents through; every pause and
# resume is an audit row; `payq status` shows running/paused/in_flight, a clean stop as stopped, and exits 9 once
# the pause is older than --paused-unhealthy-after.
source "$(dirname "$0")/lib.sh"
payq=$1
# Payment requests stay pending for a minute: the first intent keeps the reconciler polling throughout.
start_sandbox "$2" --settle-min 60s --settle-max 60s
write_config
q() { "$payq" --config "$work/payq.yaml" "$@"; }
created() { sandbox_stat '$.payments_created'; }
enqueue() { q enqueue --amount 10.00 --currency EUR --redirect-url https://shop.example/r --reference-id "$1" >/dev/null; }
# wait_for DESCRIPTION COMMAND...: up to 15 s until COMMAND succeeds.
wait_for() {
  local what=$1; shift
  for _ in $(seq 150); do "$@" && return 0; sleep 0.1; done
  fail "$what: not within 15 s"
}
start_daemon() {
  "$payq" --config "$work/payq.yaml" run 2>>"$work/daemon.log" &
  daemon=$!
  wait_for "daemon heartbeat" eval '[ "$(db_value "SELECT count(*) FROM daemon_heartbeat WHERE stopped_at IS NULL AND pid = $daemon" 2>/dev/null)" = 1 ]'
}
stop_daemon() {
  kill -TERM "$daemon"
  wait "$daemon"
  expect_eq "daemon exit after SIGTERM" "$?" "0"
}

q migrate >/dev/null
enqueue P-1
start_daemon
wait_for "P-1 created" eval '[ "$(created)" = 1 ]'

expect_exit 2 "pause --by with a control character is refused" -- q pause --by $'al\nice'
expect_contains "the refusal names the option" "$err" "--by: must be 1 to 64 printable ASCII characters"
expect_exit 0 "pause" -- env USER=ops-user SUDO_USER= "$payq" --config "$work/payq.yaml" pause --reason "partner maintenance" --by alice
expect_contains "pause says who" "$out" "submissions paused by alice (partner maintenance)"
sleep 1  # the daemon notices a pause within a second
polls_before=$(sandbox_requests poll)
for ref in P-2 P-3 P-4; do enqueue "$ref"; done
sleep 4
expect_eq "nothing created while paused" "$(created)" "1"
expect_eq "nothing claimed while paused" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'queued'")" "3"
checks=$((checks + 1))
[ "$(sandbox_requests poll)" -gt "$polls_before" ] || fail "polls went on while paused: $polls_before before, $(sandbox_requests poll) after"
expect_contains "the daemon logs the pause" "$(cat "$work/daemon.log")" "submissions paused by alice since"

expect_exit 0 "pause when paused" -- q pause --by bob
expect_contains "pause when paused reports the pause in force" "$out" "already paused by alice since"
expect_exit 0 "status while paused" -- q status --format json
expect_contains "status: running" "$out" '"running":true'
expect_contains "status: in_flight" "$out" '"in_flight":0'
expect_contains "status: paused by" "$out" '"paused":{"by":"alice","since":"'
expect_contains "status: paused reason" "$out" '"reason":"partner maintenance"}'
expect_exit 0 "text status while paused" -- q status
expect_contains "text status shows the pause" "$out" "submissions     PAUSED by alice since"
expect_contains "text status shows the daemon running" "$out" "running, last seen"

# A clean stop is shown as stopped; the pause survives the restart.
stop_daemon
expect_exit 0 "status after a clean stop" -- q status
expect_contains "text status: stopped at" "$out" ", stopped at "
expect_exit 0 "json status after a clean stop" -- q status --format json
expect_contains "json status: not running" "$out" '"running":false'
checks=$((checks + 1))
case "$out" in *'"stopped_at":null'*) fail "json status: stopped_at is null after a clean stop" ;; esac
start_daemon
sleep 3
expect_eq "nothing created after a restart while paused" "$(created)" "1"
expect_exit 0 "status of the restarted daemon" -- q status --format json
expect_contains "restarted daemon: running" "$out" '"running":true'
expect_contains "restarted daemon: not stopped" "$out" '"stopped_at":null'

expect_exit 9 "status: paused too long" -- q status --paused-unhealthy-after 1s
expect_contains "status names the pause as the problem" "$out" "UNHEALTHY: submissions paused by alice since"
expect_exit 0 "status: within the default threshold" -- q status

expect_exit 0 "resume" -- env SUDO_USER=bob USER=ops-user "$payq" --config "$work/payq.yaml" resume
expect_contains "resume says who" "$out" "submissions resumed by bob (were paused by alice since"
wait_for "queued intents created after the resume" eval '[ "$(created)" = 4 ]'
expect_exit 0 "resume when not paused" -- q resume
expect_contains "resume when not paused says so" "$out" "not paused; nothing changed"
expect_exit 0 "status after the resume" -- q status --format json
expect_contains "status: not paused" "$out" '"paused":null'
expect_contains "the daemon logs the resume" "$(cat "$work/daemon.log")" "submissions resumed"

expect_exit 0 "pause as the login user" -- env SUDO_USER= USER=carol "$payq" --config "$work/payq.yaml" pause
expect_exit 0 "resume as the login user" -- env SUDO_USER= USER=carol "$payq" --config "$work/payq.yaml" resume --reason done
expect_eq "audit rows: who, what, why" "$(db_value "SELECT group_concat(action || ',' || actor || ',' || reason, ';')
  FROM (SELECT * FROM pause_events ORDER BY id)")" \
  "pause,alice,partner maintenance;resume,bob,;pause,carol,;resume,carol,done"
expect_eq "audit rows carry a time" "$(db_value "SELECT count(*) FROM pause_events WHERE at > 1700000000000")" "4"

stop_daemon
expect_eq "no reference created twice" "$(sandbox_stat '$.duplicate_reference_ids')" "0"
finish
