#!/usr/bin/env bash
# integration/concurrent_producers_test.sh PAYQ LOAD — four producer processes each enqueue 500 intents
# (one transaction each) while another process keeps listing: all 2,000 stored, no process sees an error.
source "$(dirname "$0")/lib.sh"
payq=$1
load=$2
db="$work/q.db"
"$payq" --db "$db" migrate >/dev/null

pids=()
for p in 1 2 3 4; do
  "$load" "$db" 500 "P$p" >"$work/p$p.out" 2>"$work/p$p.err" &
  pids+=($!)
done
reads=0
read_errors=0
# Bounded: at most 2,000 reads, and the producers are waited for below whatever happens here.
while [ $reads -lt 2000 ] && kill -0 "${pids[@]}" 2>/dev/null; do
  "$payq" --db "$db" list --format csv >/dev/null 2>>"$work/reader.err" || read_errors=$((read_errors + 1))
  reads=$((reads + 1))
done
for p in 1 2 3 4; do
  checks=$((checks + 1))
  wait "${pids[$((p - 1))]}" || fail "producer $p failed: $(cat "$work/p$p.err")"
done
expect_eq "reader errors (after $reads reads)" "$read_errors" "0"
[ -s "$work/reader.err" ] && fail "reader stderr: $(head -3 "$work/reader.err")"
expect_eq "intents stored" "$(sqlite3 "$db" 'SELECT count(*) FROM payment_intents')" "2000"
expect_eq "first transitions" "$(sqlite3 "$db" "SELECT count(*) FROM status_transitions WHERE new_value='queued'")" "2000"
expect_eq "integrity" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
finish
