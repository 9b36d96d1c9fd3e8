#!/usr/bin/env bash
# integration/loud_failures_test.sh PAYQ SANDBOX — failures are loud and findable: JSON log lines of held intents
# carry "reference" (and "remote_id") keys; a 429 storm is one line and then summaries, not a line per 429; the
# measured request rate and the limiter's rate are in `payq status --format json`; wrong credentials make status
# exit 9 with "credentials rejected"; a killed daemon is "not running" once its heartbeat is stale, a stopped one
# "stopped at".
source "$(dirname "$0")/lib.sh"
payq=$1
sandbox=$2
q() { "$payq" --config "$work/payq.yaml" "$@"; }
json() { sqlite3 :memory: "SELECT json_extract('$(echo "$out" | sed "s/'/''/g")', '$1')"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds; a failed check otherwise.
wait_for() {
  local what=$1 seconds=$2; shift 2
  checks=$((checks + 1))
  for _ in $(seq $((seconds * 5))); do "$@" && return 0; sleep 0.2; done
  fail "$what: not within $seconds s"
  return 1
}
fresh_database() { rm -f "$work"/q.db "$work"/q.db-*; }
stop_daemon() {  # SIGTERM, then a bounded wait
  kill -TERM "$daemon" 2>/dev/null
  timeout 30 tail --pid="$daemon" -f /dev/null
  wait "$daemon" 2>/dev/null
}

# 1. Held intents in JSON logs: every create is answered 500 after the partner created it (ambiguous, held at
#    once), and one submitted intent's remote id is unknown to the partner (404 twice: held).
start_sandbox "$sandbox" --fail-after-create 1
write_config "log: { format: json }
retry: { initial_backoff: 100ms, max_backoff: 1s, max_attempts: 3, on_ambiguous: hold }
reconciler: { first_poll_after: 1s, max_poll_interval: 2s, max_not_found: 2 }"
sed -i '/^retry: { initial_backoff: 200ms/d; /^reconciler: { first_poll_after: 1s, max_poll_interval: 2s, max_poll_gap: 20s }$/d' \
  "$work/payq.yaml"
make_intents 3 "$work/in.csv"
q import "$work/in.csv" >/dev/null
t=$(now_ms)
db_value "UPDATE payment_intents SET state = 'submitted', remote_id = 'pr_nowhere', remote_status = 'pending',
                 submitted_at = $t, pending_seen_at = $t, next_poll_at = $t, changed_by = 'submitter'
           WHERE reference_id = 'IT-0003'"
expect_exit 0 "a run that holds every intent" -- timeout 120 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "all three on hold" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'on_hold'")" "3"
held=$(grep '"msg":"on hold for an operator' "$work/err" | grep -c '"reference":"IT-000[12]"')
expect_eq "held after an ambiguous create: JSON lines with the reference key" "$held" "2"
expect_contains "held after 404s: reference and remote_id keys" \
  "$(grep '"msg":"on hold: the partner answered 404' "$work/err")" '"reference":"IT-0003","remote_id":"pr_nowhere"'
stop_sandbox

# 2. A 429 storm: a partner that takes 1 request a second from a payq allowed 20. One warn line opens the
#    episode, then a summary a minute; status shows both rates in requests per second.
start_sandbox "$sandbox" --rate-limit 1 --settle-min 1s --settle-max 2s
write_config "rate_limit: { requests_per_second: 20 }
workers: { count: 4 }"
fresh_database
make_intents 400 "$work/in.csv"
q import "$work/in.csv" >/dev/null
"$payq" --config "$work/payq.yaml" run 2>"$work/storm.log" &
daemon=$!
wait_for "a 429 summary line" 90 grep -q '429 from the partner [0-9]* times in the last' "$work/storm.log"
expect_exit 0 "status during the storm" -- q status --format json
expect_eq "running" "$(json '$.running')" "1"
measured=$(json '$.request_rate')
expect_eq "request_rate measured, in req/s (${measured})" "$(sqlite3 :memory: "SELECT $measured > 0 AND $measured <= 20")" "1"
rate=$(json '$.limiter_rate')
expect_eq "limiter_rate from the heartbeat, in req/s (${rate})" \
  "$(sqlite3 :memory: "SELECT $rate > 0 AND $rate <= 20 AND abs($rate - $(json '$.daemon.rate')) < 0.001")" "1"
throttled=$(db_value "SELECT count(*) FROM api_calls WHERE outcome = 'rate_limited'")
lines=$(grep -c '429 from the partner' "$work/storm.log")
checks=$((checks + 1))
[ "$throttled" -ge 10 ] && [ "$lines" -le 3 ] ||
  fail "429s summarised: $throttled answered 429, $lines log lines about them"
expect_contains "the first 429 names its intent" "$(grep -m1 '429 from the partner' "$work/storm.log")" " ref=IT-"
expect_contains "the summary says the limiter's rate" "$(grep -m1 'times in the last' "$work/storm.log")" \
  "; limiter at "

# 3. kill -9: not running (exit 9) once the heartbeat is older than --unhealthy-after (10 s at least).
kill -KILL "$daemon"
wait "$daemon" 2>/dev/null
expect_exit 0 "just killed: the heartbeat is still fresh" -- q status --unhealthy-after 10s
not_running() { ! q status --unhealthy-after 10s >"$work/status.out" 2>&1 && grep -q "daemon not running" "$work/status.out"; }
wait_for "status: not running after kill -9" 30 not_running
expect_contains "text names the reason" "$(cat "$work/status.out")" "UNHEALTHY: daemon not running: pid $daemon"
expect_contains "and the daemon line" "$(cat "$work/status.out")" "NOT RUNNING, last seen"
expect_exit 9 "json: unhealthy" -- q status --unhealthy-after 10s --format json
expect_contains "json reasons" "$(json '$.reasons')" "without a clean stop"
expect_eq "json running" "$(json '$.running')" "0"
expect_eq "json limiter_rate is null without a daemon" "$(json '$.limiter_rate')" ""

# A clean stop is shown as stopped, and is no reason by itself.
"$payq" --config "$work/payq.yaml" run 2>"$work/restart.log" &
daemon=$!
wait_for "the restarted daemon beats" 30 eval '[ "$(db_value "SELECT pid FROM daemon_heartbeat")" = "$daemon" ]'
stop_daemon
expect_exit 0 "status after a clean stop" -- q status
expect_contains "stopped at" "$out" "pid $daemon on $(hostname), stopped at "
checks=$((checks + 1))
case "$out" in *"not running"*) fail "a clean stop reported as not running: $out" ;; esac
stop_sandbox

# 4. Wrong credentials: the running daemon reports them; status exits 9 with the reason.
start_sandbox "$sandbox"
write_config
fresh_database
make_intents 2 "$work/in.csv"
q import "$work/in.csv" >/dev/null
PAYQ_CLIENT_SECRET=not-the-secret "$payq" --config "$work/payq.yaml" run 2>"$work/creds.log" &
daemon=$!
rejected() { ! q status --format json >"$work/status.json" 2>&1 && grep -q "credentials rejected" "$work/status.json"; }
wait_for "status: credentials rejected" 30 rejected
out=$(cat "$work/status.json")
expect_contains "json reasons name the credentials" "$(json '$.reasons')" "the daemon reports: credentials rejected"
expect_eq "json healthy" "$(json '$.healthy')" "0"
expect_eq "json running" "$(json '$.running')" "1"
expect_contains "the log line names the intent whose call found it" \
  "$(grep 'rejects our credentials' "$work/creds.log")" "ref=IT-000"
stop_daemon
finish
