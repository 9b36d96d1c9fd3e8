#!/usr/bin/env bash
# bench/daemon_resources.sh BUILD_DIR [IDLE_SECONDS] — the daemon's footprint: CPU used while idle (no intents)
# over IDLE_SECONDS (default 60), and peak RSS while 100,000 intents are queued (30 s of draining).
set -euo pipefail
build=${1:-build}
idle_seconds=${2:-60}
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
"$build/tests/sandbox/payq-sandbox" --port 0 --client-id shop --client-secret bench-secret >"$work/sandbox.out" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/sandbox.out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/sandbox.out" | cut -d: -f2)
printf 'database: { path: %s/q.db }\napi: { base_url: "http://127.0.0.1:%s", client_id: shop }\n' "$work" "$port" >"$work/payq.yaml"
export PAYQ_CLIENT_SECRET=bench-secret
ticks=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

"$build/payq" --config "$work/payq.yaml" migrate >/dev/null
"$build/payq" --config "$work/payq.yaml" run 2>/dev/null &
pid=$!
sleep 2
before=$(cpu_ticks $pid)
sleep "$idle_seconds"
after=$(cpu_ticks $pid)
kill -TERM $pid; wait $pid || true
awk -v t=$((after - before)) -v hz="$ticks" -v s="$idle_seconds" \
  'BEGIN { printf "idle: %.2f s of CPU over %d s = %.3f%% of one core\n", t / hz, s, 100 * t / hz / s }'

awk 'BEGIN { print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= 100000; i++) printf "Q-%d,%d.00,USD,https://shop.example/%d\n", i, 1 + i % 900, i }' >"$work/in.csv"
"$build/payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
"$build/payq" --config "$work/payq.yaml" run 2>/dev/null &
pid=$!
sleep 30
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
kill -TERM $pid; wait $pid || true
echo "100,000 intents queued: peak RSS $((rss / 1024)) MB ($rss kB) after 30 s of draining"
