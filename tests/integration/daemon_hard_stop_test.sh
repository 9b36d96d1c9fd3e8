#!/usr/bin/env bash
# integration/daemon_hard_stop_test.sh PAYQ SANDBOX — SIGTERM while every create hangs at the partner: the daemon
# waits its grace period, cuts the calls off, records each as an ambiguous attempt (the request had left), and
# exits 0 within 5 s with nothing left mid-call.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --slow 1 --slow-delay 20s
write_config "workers: { count: 2 }"
sed -i 's/timeout: 5s/timeout: 120s/' "$work/payq.yaml"
make_intents 5 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

"$payq" --config "$work/payq.yaml" run 2>"$work/run.log" &
pid=$!
for _ in $(seq 100); do  # bounded: until the partner has created a request whose answer is still coming
  [ "$(sandbox_stat '$.payments_created')" -ge 1 ] 2>/dev/null && break
  sleep 0.1
done
expect_eq "a create is in flight" "$(db_value "SELECT count(*) > 0 FROM payment_intents WHERE state = 'submitting'")" "1"
kill -TERM "$pid"
stopped=no
for _ in $(seq 50); do
  if ! kill -0 "$pid" 2>/dev/null; then stopped=yes; break; fi
  sleep 0.1
done
expect_eq "stopped within 5 s of SIGTERM" "$stopped" "yes"
[ "$stopped" = yes ] || kill -KILL "$pid"
wait "$pid"
expect_eq "exit status" "$?" "0"
expect_eq "nothing left mid-call" "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'submitting'")" "0"
expect_eq "cut-off calls recorded as ambiguous attempts" \
  "$(db_value "SELECT count(*) > 0 FROM api_calls WHERE kind = 'create' AND ambiguous = 1 AND error LIKE 'aborted%'")" "1"
expect_eq "their intents flagged" "$(db_value "SELECT count(*) = (SELECT count(*) FROM api_calls WHERE kind = 'create'
  AND error LIKE 'aborted%') FROM payment_intents WHERE ambiguous = 1")" "1"
expect_contains "the log says why" "$(cat "$work/run.log")" "aborting them"
finish
