#!/usr/bin/env bash
# bench/learn_bench.sh BUILD_DIR — the cost of one re-learning of the adaptive plan (every minute in the daemon).
set -euo pipefail
build=${1:-build}
for n in 5000 20000; do "$build/tests/bench/payq-bench-learn" "$n"; done
