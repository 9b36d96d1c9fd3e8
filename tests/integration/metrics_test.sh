#!/usr/bin/env bash
# integration/metrics_test.sh PAYQ SANDBOX — `payq run` with metrics.listen on 127.0.0.1 serves /metrics in the
# Prometheus text format (parsed strictly by prometheus_check.awk): counters move with a batch of intents, the
# database-derived gauges equal the table, `payq status --format prometheus` parses the same way, a port in use
# is a startup error (exit 3) and a bad metrics.listen is a config error naming the key.
source "$(dirname "$0")/lib.sh"
payq=$1
check_awk="$(dirname "$0")/prometheus_check.awk"
start_sandbox "$2" --settle-min 1s --settle-max 2s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0

# parse FILE: the exposition in FILE must satisfy the format's rules.
parse() {
  checks=$((checks + 1))
  awk -f "$check_awk" "$1" >"$work/parse.out" 2>"$work/parse.err" || fail "$2: not valid exposition: $(cat "$work/parse.err")"
}
# sample FILE 'name{labels}': the value of one sample as the writer spells it, or "absent".
sample() {
  awk -v want="$2" 'index($0, want " ") == 1 { print substr($0, length(want) + 2); found = 1 }
                    END { if (!found) print "absent" }' "$1"
}
# scrape FILE: GET /metrics into FILE; fails the check when the endpoint does not answer 200 text/plain 0.0.4.
scrape() {
  checks=$((checks + 1))
  local type
  type=$(curl -s --max-time 5 -o "$1" -w '%{http_code} %{content_type}' "http://127.0.0.1:$metrics_port/metrics")
  case "$type" in "200 text/plain; version=0.0.4"*) ;; *) fail "scrape answered '$type'" ;; esac
}
# A port nothing listens on now (connecting is refused); the daemon's start is the final word.
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# A bad listen address is a config error naming the key; a port in use stops the start with exit 3.
write_config 'metrics: { listen: "127.0.0.1:99999" }'
expect_exit 3 "bad metrics.listen" -- "$payq" --config "$work/payq.yaml" check-config
expect_contains "bad metrics.listen is named" "$err" "metrics.listen"
write_config "metrics: { listen: 127.0.0.1:$port }"
expect_exit 3 "metrics port in use" -- timeout 20 "$payq" --config "$work/payq.yaml" run --until-idle
expect_contains "the port in use is named" "$err" "metrics.listen: cannot listen on 127.0.0.1:$port"

metrics_port=$(free_port)
write_config "metrics: { listen: 127.0.0.1:$metrics_port }"
"$payq" --config "$work/payq.yaml" migrate >/dev/null
"$payq" --config "$work/payq.yaml" run 2>"$work/daemon.log" &
daemon=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$metrics_port/metrics" && break; sleep 0.1; done
scrape "$work/before.prom"
parse "$work/before.prom" "first scrape"
expect_eq "no create before the batch" "$(sample "$work/before.prom" 'payq_api_calls_total{kind="create",outcome="success"}')" "0"
expect_eq "leader" "$(sample "$work/before.prom" 'payq_leader')" "1"
expect_eq "404 elsewhere" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$metrics_port/")" "404"

make_intents 20 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
for _ in $(seq 600); do
  [ "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled'")" = 20 ] && break
  sleep 0.1
done
expect_eq "the batch settled" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled'")" "20"
# The database figures are sampled every 2 s: wait until a scrape shows the settled batch.
for _ in $(seq 50); do
  scrape "$work/after.prom"; checks=$((checks - 1))
  [ "$(sample "$work/after.prom" 'payq_intents{state="settled"}')" = 20 ] && break
  sleep 0.2
done
parse "$work/after.prom" "scrape after the batch"
expect_eq "creates counted" "$(sample "$work/after.prom" 'payq_api_calls_total{kind="create",outcome="success"}')" \
  "$(db_value "SELECT count(*) FROM api_calls WHERE kind = 'create' AND outcome = 'success'")"
expect_eq "polls counted" "$(sample "$work/after.prom" 'payq_api_calls_total{kind="poll",outcome="success"}')" \
  "$(db_value "SELECT count(*) FROM api_calls WHERE kind = 'poll' AND outcome = 'success'")"
expect_eq "create latency observed" "$(sample "$work/after.prom" 'payq_api_call_duration_seconds_count{kind="create"}')" \
  "$(db_value "SELECT count(*) FROM api_calls WHERE kind = 'create'")"
expect_eq "payments observed" "$(sample "$work/after.prom" 'payq_time_to_payment_seconds_count')" "20"
expect_eq "no 429" "$(sample "$work/after.prom" 'payq_api_rate_limited_total{kind="create"}')" "0"
expect_eq "settlements as transitions" \
  "$(sample "$work/after.prom" 'payq_intent_transitions_total{from="submitted",to="settled"}')" "20"
expect_eq "creations as transitions" "$(sample "$work/after.prom" 'payq_intent_transitions_total{from="none",to="queued"}')" "20"
for state in queued submitting submitted settled failed on_hold cancelled; do
  expect_eq "intents $state as in the table" "$(sample "$work/after.prom" "payq_intents{state=\"$state\"}")" \
    "$(db_value "SELECT count(*) FROM payment_intents WHERE state = '$state'")"
done
expect_eq "nothing in flight" "$(sample "$work/after.prom" 'payq_in_flight')" "0"
expect_eq "not paused" "$(sample "$work/after.prom" 'payq_paused')" "0"
checks=$((checks + 1))
awk '$1 == "payq_limiter_rate" && $2 > 0 { ok = 1 } END { exit !ok }' "$work/after.prom" || fail "limiter rate not positive"

# status --format prometheus: the same database figures, parsed the same way.
"$payq" --config "$work/payq.yaml" status --format prometheus >"$work/status.prom" 2>"$work/status.err"
expect_eq "status exit" "$?" "0"
parse "$work/status.prom" "status --format prometheus"
for name in 'payq_intents{state="settled"}' 'payq_intent_transitions_total{from="submitted",to="settled"}' \
            'payq_intent_transitions_total{from="none",to="queued"}' 'payq_oldest_queued_age_seconds' 'payq_in_flight'; do
  expect_eq "status shows $name as the daemon does" "$(sample "$work/status.prom" "$name")" "$(sample "$work/after.prom" "$name")"
done
expect_eq "status sees the daemon" "$(sample "$work/status.prom" 'payq_daemon_running')" "1"
expect_eq "status healthy" "$(sample "$work/status.prom" 'payq_healthy')" "1"
expect_contains "status has the limiter rate" "$(cat "$work/status.prom")" "payq_limiter_rate "
expect_exit 2 "unknown status format" -- "$payq" --config "$work/payq.yaml" status --format yaml

# The operator's pause is a gauge from the database, on the endpoint and in status.
"$payq" --config "$work/payq.yaml" pause --reason "metrics test" --by ops >/dev/null
for _ in $(seq 50); do
  scrape "$work/paused.prom"; checks=$((checks - 1))
  [ "$(sample "$work/paused.prom" 'payq_paused')" = 1 ] && break
  sleep 0.2
done
expect_eq "paused on the endpoint" "$(sample "$work/paused.prom" 'payq_paused')" "1"
"$payq" --config "$work/payq.yaml" status --format prometheus >"$work/status.prom" 2>/dev/null
expect_eq "paused in status" "$(sample "$work/status.prom" 'payq_paused')" "1"

kill -TERM "$daemon"
wait "$daemon"
expect_eq "daemon exit" "$?" "0"
checks=$((checks + 1))
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$metrics_port/metrics"; then fail "/metrics still served after stop"; fi
finish
