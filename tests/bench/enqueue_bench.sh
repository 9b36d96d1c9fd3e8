#!/usr/bin/env bash
# bench/enqueue_bench.sh BUILD_DIR [COUNT] — single-intent enqueues through the producer API, each committed
# with synchronous=FULL: intents/s from one process, then from four processes at once on the same file.
set -euo pipefail
build=${1:-build}
count=${2:-2000}
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
load="$build/tests/bench/payq-producer-load"

"$build/payq" --db "$work/q.db" migrate >/dev/null
echo "one process:"
"$load" "$work/q.db" "$count" single

echo "four processes, $count each:"
start=$(date +%s.%N)
pids=()
for p in 1 2 3 4; do "$load" "$work/q.db" "$count" "p$p" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; done
end=$(date +%s.%N)
awk -v n=$((4 * count)) -v s="$start" -v e="$end" 'BEGIN { printf "four processes together: %d intents in %.3f s = %.0f intents/s\n", n, e - s, n / (e - s) }'
