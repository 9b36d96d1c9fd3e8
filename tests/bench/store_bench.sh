#!/usr/bin/env bash
# bench/store_bench.sh BUILD_DIR [CLAIMS] [ENQUEUES] [IMPORT_ROWS] — SQLite and PostgreSQL in the same run, through
# payq's own store code: claim latency (claim + record outcome) with 10,000 and 1,000,000 queued intents, the enqueue
# rate of four Producer API processes, and `payq import` of a CSV; then the PostgreSQL / SQLite ratios. Every commit
# reaches the disk on both (SQLite synchronous=FULL as payq sets it; a throwaway PostgreSQL server with fsync on).
# STORE_BENCH_ROWS="1000 5000" replaces the two table sizes (a quick trial).
set -euo pipefail
build=${1:-build}
claims=${2:-1000}
enqueues=${3:-1000}
import_rows=${4:-100000}
source "$(dirname "$0")/../support/pg_server.sh"
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
trap 'pg_stop; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
payq="$build/payq"

PG_DURABLE=1 pg_start >/dev/null || { echo "store_bench: no PostgreSQL server" >&2; exit 1; }
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') (fsync on, shared_buffers 16MB), SQLite $(sqlite3 --version | cut -d' ' -f1)"
# fresh NAME: a new empty database of that name on each store, migrated; sets lite (a path) and url.
fresh() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -U "$PG_ADMIN_USER" -d postgres \
    -c "CREATE DATABASE $1 OWNER $PGUSER" >/dev/null
  lite="$work/$1.db"
  url="postgresql://$PGUSER@127.0.0.1:$PGPORT/$1"
  "$payq" --db "$lite" migrate >/dev/null
  "$payq" --db "$url" migrate >/dev/null
}
# seconds COMMAND...: runs COMMAND, prints its wall time in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}
# median N...: the middle of the numbers given.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
results=()
# record WHAT SQLITE POSTGRES UNIT: one row of the table at the end.
record() { results+=("$1|$2|$3|$4"); echo "  $1: SQLite $2 $4, PostgreSQL $3 $4"; }

# --- claim latency ------------------------------------------------------------------------------------------------
# The producer's columns only, as a plain-SQL producer writes them: the schema's triggers run for every row.
fill_columns="payment_intents (reference_id, amount, currency, redirect_url, created_at, updated_at)"
for rows in ${STORE_BENCH_ROWS:-10000 1000000}; do
  fresh "claims$rows"
  fill_lite=$(seconds sqlite3 "$lite" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
    INSERT INTO $fill_columns SELECT 'F-' || i, (1 + i % 900) || '.25', 'USD', 'https://s.example/r', 1, 1 FROM n")
  fill_pg=$(seconds "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "claims$rows" -c "INSERT INTO $fill_columns
    SELECT 'F-' || i, (1 + i % 900) || '.25', 'USD', 'https://s.example/r', 1, 1 FROM generate_series(1, $rows) i" \
    -c "VACUUM ANALYZE payment_intents")
  echo "filled $rows queued intents: SQLite ${fill_lite} s, PostgreSQL ${fill_pg} s"
  # Three runs each, taking turns so a noisy moment of the shared machine hits both stores; the median counts.
  lite_runs=() pg_runs=()
  for run in 1 2 3; do
    lite_runs+=("$("$build/tests/bench/payq-bench-store" "$lite" sqlite "$claims" | awk '{ print $(NF-3) }')")
    pg_runs+=("$("$build/tests/bench/payq-bench-store" "$url" postgresql "$claims" | awk '{ print $(NF-3) }')")
  done
  echo "  claim runs with $rows queued (us): SQLite ${lite_runs[*]}, PostgreSQL ${pg_runs[*]}"
  record "claim + record outcome, $rows queued (median of 3)" "$(median "${lite_runs[@]}")" \
    "$(median "${pg_runs[@]}")" "us"
done

# --- enqueue rate, four Producer API processes ------------------------------------------------------------------
# four_producers LOCATION: four processes of ENQUEUES single-intent enqueues each; prints intents/s together.
four_producers() {
  local start end pids=() p
  start=$(date +%s.%N)
  for p in 1 2 3 4; do "$build/tests/bench/payq-producer-load" "$1" "$enqueues" "p$p" >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  awk -v n=$((4 * enqueues)) -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }'
}
fresh enqueues
record "enqueue, 4 processes x $enqueues (C++ API)" "$(four_producers "$lite")" "$(four_producers "$url")" "intents/s"
# four_cli_producers LOCATION: four shells running `payq enqueue` ENQUEUES/10 times each (a process per intent, as
# a shell producer does); prints intents/s together.
four_cli_producers() {
  local start end pids=() p n=$((enqueues / 10))
  start=$(date +%s.%N)
  for p in 1 2 3 4; do
    (for i in $(seq 1 "$n"); do
      "$payq" --db "$1" enqueue --reference-id "cli-$p-$i" --amount 1.00 --currency EUR \
        --redirect-url https://s.example/r >/dev/null
    done) & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  awk -v n=$((4 * n)) -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", n / (e - s) }'
}
record "payq enqueue, 4 shells x $((enqueues / 10))" "$(four_cli_producers "$lite")" "$(four_cli_producers "$url")" \
  "intents/s"

# --- payq import ------------------------------------------------------------------------------------------------
awk -v n="$import_rows" 'BEGIN { print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= n; i++) { c = 100 + i % 99900; printf "BENCH-%d,%d.%02d,USD,https://shop.example/return?order=%d\n", i, int(c / 100), c % 100, i }
}' >"$work/intents.csv"
fresh imports
lite_s=$(seconds "$payq" --db "$lite" import "$work/intents.csv")
pg_s=$(seconds "$payq" --db "$url" import "$work/intents.csv")
record "payq import, $import_rows rows (chunked; COPY on PostgreSQL)" "$(awk -v n="$import_rows" -v s="$lite_s" 'BEGIN { printf "%.0f", n / s }')" \
  "$(awk -v n="$import_rows" -v s="$pg_s" 'BEGIN { printf "%.0f", n / s }')" "rows/s"

echo
printf '%-58s %14s %14s %12s\n' "measure" "SQLite" "PostgreSQL" "PG / SQLite"
for row in "${results[@]}"; do
  IFS='|' read -r what lite_v pg_v unit <<<"$row"
  awk -v w="$what" -v a="$lite_v" -v b="$pg_v" -v u="$unit" \
    'BEGIN { printf "%-58s %14s %14s %12.2f\n", w, a " " u, b " " u, b / a }'
done
