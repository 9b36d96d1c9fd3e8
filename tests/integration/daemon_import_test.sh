#!/usr/bin/env bash
# integration/daemon_import_test.sh PAYQ SANDBOX — a 400,000-row import while the daemon drains a batch of 150: the
# import commits in chunks, the daemon waits out each chunk's write lock instead of dying, the batch finishes, and
# every imported row is stored exactly once.
source "$(dirname "$0")/lib.sh"
payq=$1
start_sandbox "$2" --settle-min 1s --settle-max 2s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0
write_config "workers: { count: 4 }"
make_intents 150 "$work/first.csv"
"$payq" --config "$work/payq.yaml" import "$work/first.csv" --batch first >/dev/null
awk 'BEGIN { print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= 400000; i++) printf "BULK-%06d,%d.%02d,EUR,https://shop.example/b/%d\n", i, 1 + i % 900, i % 100, i }' \
  >"$work/bulk.csv"

"$payq" --config "$work/payq.yaml" run >"$work/run.out" 2>"$work/run.log" &
daemon=$!
expect_exit 0 "400k-row import beside the running daemon" -- \
  timeout 600 "$payq" --config "$work/payq.yaml" import "$work/bulk.csv" --batch bulk
expect_contains "import summary" "$out$err" "inserted 400000"
expect_exit 0 "the first batch finishes while the import runs and after" -- \
  "$payq" --config "$work/payq.yaml" wait --batch first --timeout 10m
expect_eq "the daemon is alive" "$(kill -0 "$daemon" 2>/dev/null && echo alive)" "alive"
kill -TERM "$daemon"
wait "$daemon"
expect_eq "the daemon stops cleanly" "$?" "0"
expect_eq "every row stored once" "$(db_value "SELECT count(*), count(DISTINCT reference_id) FROM payment_intents")" \
  "400150|400150"
expect_eq "the first batch is paid" \
  "$(db_value "SELECT count(*) FROM payment_intents WHERE batch = 'first' AND state = 'settled' AND remote_status = 'paid'")" \
  "150"
expect_exit 0 "re-running the import inserts nothing" -- \
  timeout 600 "$payq" --config "$work/payq.yaml" import "$work/bulk.csv" --batch bulk
expect_contains "all already present" "$out$err" "inserted 0, already present 400000"
finish
