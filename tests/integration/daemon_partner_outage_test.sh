#!/usr/bin/env bash
# integration/daemon_partner_outage_test.sh PAYQ SANDBOX — a partner outage longer than the whole retry budget
# fails no intent: the daemon stops claiming, probes one request at a time, says so (payq status exit 9), and
# creates everything once the partner is back.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --settle-min 1s --settle-max 2s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0 \
  --outage-at 0s --outage-for 20s \
  --outage-mode refuse
write_config "workers: { count: 4 }
retry: { initial_backoff: 100ms, max_backoff: 1s, max_attempts: 3 }"
sed -i '/^retry: { initial_backoff: 200ms/d' "$work/payq.yaml"
make_intents 30 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null

"$payq" --config "$work/payq.yaml" run --until-idle >"$work/run.out" 2>"$work/run.log" &
daemon=$!
# While the partner refuses connections the daemon says it is unhealthy (bounded wait for its heartbeat).
seen_unhealthy=no
for _ in $(seq 100); do
  if "$payq" --config "$work/payq.yaml" status >"$work/status.out" 2>&1; then :; else
    grep -q "partner unreachable" "$work/status.out" && { seen_unhealthy=yes; break; }
  fi
  sleep 0.1
done
expect_eq "payq status reports the outage" "$seen_unhealthy" "yes"
expect_eq "no intent failed during the outage" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state IN ('failed', 'on_hold')")" "0"
timeout 300 tail --pid="$daemon" -f /dev/null
wait "$daemon"
expect_eq "the run ends once the partner is back" "$?" "0"
expect_eq "every intent created and paid" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled' AND remote_status = 'paid'")" "30"
expect_eq "no attempt was counted against an intent" "$(db_value "SELECT sum(attempts) FROM payment_intents")" "0"
expect_contains "the outage was logged at error" "$(cat "$work/run.log")" "partner API unreachable"
expect_contains "and its end" "$(cat "$work/run.log")" "partner API answers again"
finish
