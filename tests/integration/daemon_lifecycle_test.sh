#!/usr/bin/env bash
# integration/daemon_lifecycle_test.sh PAYQ SANDBOX — one daemon per database (a second one exits 7 naming the
# holder's PID), and SIGTERM stops a busy daemon with exit 0 within 5 s, its in-flight work recorded.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --latency 400ms --settle-min 1s --settle-max 2s
write_config
make_intents 40 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

"$payq" --config "$work/payq.yaml" run 2>"$work/first.log" &
first=$!
# Bounded wait until the daemon has made calls (the first one goes out about a second after start).
for _ in $(seq 100); do
  [ "$(db_value "SELECT count(*) FROM api_calls WHERE kind = 'create'")" -ge 2 ] 2>/dev/null && break
  sleep 0.1
done
checks=$((checks + 1))
[ "$(db_value "SELECT count(*) FROM api_calls WHERE kind = 'create'")" -ge 2 ] || fail "the daemon made no calls"

expect_exit 7 "second instance" -- timeout 10 "$payq" --config "$work/payq.yaml" run
expect_contains "second instance names the holder" "$err" "(pid $first)"

expect_exit 0 "status while the daemon runs" -- "$payq" --config "$work/payq.yaml" status --format json
expect_contains "status names the running daemon" "$out" "\"daemon\":{\"pid\":$first,"
expect_contains "status shows the limiter's rate" "$out" "\"rate\":"

kill -TERM "$first"
stopped=no
for _ in $(seq 50); do
  if ! kill -0 "$first" 2>/dev/null; then stopped=yes; break; fi
  sleep 0.1
done
expect_eq "stopped within 5 s of SIGTERM" "$stopped" "yes"
[ "$stopped" = yes ] || kill -KILL "$first"
wait "$first"
expect_eq "exit status after SIGTERM" "$?" "0"
expect_eq "nothing left mid-call" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'submitting'")" "0"
expect_eq "every create the sandbox answered is recorded" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE remote_id IS NOT NULL")" "$(sandbox_stat '$.payments_created')"
expect_contains "the log says it stopped" "$(cat "$work/first.log")" "stopped"
finish
