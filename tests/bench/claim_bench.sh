#!/usr/bin/env bash
# bench/claim_bench.sh BUILD_DIR — claim latency with 10,000 and with 1,000,000 intents in the table.
set -euo pipefail
build=${1:-build}
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
for rows in 10000 1000000; do
  "$build/tests/bench/payq-bench-claim" "$work/c$rows.db" "$rows" 1000
done
