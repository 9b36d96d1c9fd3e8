#!/usr/bin/env bash
# integration/daemon_paused_partner_test.sh PAYQ SANDBOX — a partner at 1 req/s that answers 429 with a
# Retry-After longer than a claim's lease (api.timeout 1s: lease 33 s; pause 36 s), with 4 workers: no worker sends
# on a claim it no longer holds, so the partner never sees a second request for any intent.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --rate-limit 1 --retry-after 36 --settle-min 1s --settle-max 1s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0
write_config "workers: { count: 4 }"
sed -i 's/timeout: 5s, connect_timeout: 1s/timeout: 1s, connect_timeout: 1s/' "$work/payq.yaml"
make_intents 8 "$work/in.csv"
"$payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
expect_exit 0 "run --until-idle" -- timeout 600 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "the partner paused us at least once" "$([ "$(sandbox_stat '$.rate_limited')" -ge 1 ] && echo yes)" "yes"
expect_eq "no reference was created twice" "$(sandbox_stat '$.duplicate_reference_ids')" "0"
expect_eq "every intent paid" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE state = 'settled' AND remote_status = 'paid'")" "8"
expect_eq "none flagged ambiguous" "$(db_value "SELECT sum(ambiguous) FROM payment_intents")" "0"
finish
