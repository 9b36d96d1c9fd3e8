#!/usr/bin/env bash
# bench/import_bench.sh BUILD_DIR [ROWS] — `payq import` of a generated CSV (default 1,000,000 rows), chunked (the
# default) and --atomic: rows/s and peak RSS, against a bare SQLite insert of the same rows, all in the same run.
set -euo pipefail
build=${1:-build}
rows=${2:-1000000}
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

awk -v n="$rows" 'BEGIN {
  print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= n; i++) { c = 100 + i % 99900; printf "BENCH-%d,%d.%02d,USD,https://shop.example/return?order=%d\n", i, int(c / 100), c % 100, i }
}' > "$work/intents.csv"
echo "generated $rows rows ($(du -h "$work/intents.csv" | cut -f1))"

# import_rate NAME [import options...]: imports the file into a fresh database; prints a line, sets rate.
import_rate() {
  local name=$1; shift
  "$build/payq" --db "$work/$name.db" migrate >/dev/null
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/payq" --db "$work/$name.db" import "$work/intents.csv" "$@" > "$work/out"
  local seconds rss_kb
  read -r seconds rss_kb < "$work/time"
  cat "$work/out"
  rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
  echo "payq import ($name): $rows rows in ${seconds} s (wall, incl. start-up) = ${rate} rows/s, peak RSS $((rss_kb / 1024)) MB"
}

import_rate chunked
chunked_rate=$rate
import_rate atomic --atomic
atomic_rate=$rate

"$build/payq" --db "$work/bare.db" migrate >/dev/null
bare=$("$build/tests/bench/payq-bench-bare-insert" "$work/bare.db" "$rows")
echo "$bare"
bare_rate=$(echo "$bare" | awk '{ print $(NF-1) }')

awk -v c="$chunked_rate" -v a="$atomic_rate" -v b="$bare_rate" \
  'BEGIN { printf "ratios: chunked / --atomic %.2f, chunked / bare insert %.2f, --atomic / bare insert %.2f\n", c / a, c / b, a / b }'
