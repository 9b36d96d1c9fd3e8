#!/usr/bin/env bash
# bench/daemon_bench.sh BUILD_DIR [INTENTS] [SANDBOX OPTIONS...] — the daemon draining INTENTS (default 1,000)
# against payq-sandbox enforcing 5 req/s over any rolling second. Prints utilisation (accepted requests per
# second over the busy span / 5), the share answered 429, API calls per settled intent, and the time from the
# end of the import to the last settlement. Example with latency: daemon_bench.sh build 1000 --latency 85ms --jitter 65ms
set -euo pipefail
build=${1:-build}; shift || true
intents=${1:-1000}; shift || true
work=$(mktemp -d /tmp/payq-bench.XXXXXX)
"$build/tests/sandbox/payq-sandbox" --port 0 --client-id shop --client-secret bench-secret --rate-limit 5 \
  --settle-min 1s --settle-max 4s --paid-fraction 0.8 --expired-fraction 0.1 --cancelled-fraction 0.1 "$@" \
  >"$work/sandbox.out" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q listening "$work/sandbox.out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/sandbox.out" | cut -d: -f2)
cat >"$work/payq.yaml" <<YAML
database: { path: $work/q.db }
api: { base_url: "http://127.0.0.1:$port", client_id: shop }
reconciler: { first_poll_after: 2s, max_poll_interval: 10s }
YAML
awk -v n="$intents" 'BEGIN { print "reference_id,amount,currency,redirect_url"
  for (i = 1; i <= n; i++) printf "B-%d,%d.00,USD,https://shop.example/%d\n", i, 1 + i % 900, i }' >"$work/in.csv"
"$build/payq" --config "$work/payq.yaml" import "$work/in.csv" >/dev/null
imported_ms=$(date +%s%3N)
PAYQ_CLIENT_SECRET=bench-secret "$build/payq" --config "$work/payq.yaml" run --until-idle 2>"$work/run.log"
stats=$(curl -s "http://127.0.0.1:$port/_admin/stats" | sed "s/'/''/g")
sqlite3 "$work/q.db" <<SQL
CREATE TEMP TABLE s AS SELECT '$stats' AS j;
CREATE TEMP TABLE c AS SELECT count(*) AS calls, (max(started_at) - min(started_at)) / 1000.0 AS span,
       sum(http_status = 429) AS limited FROM api_calls;
CREATE TEMP TABLE i AS SELECT count(*) AS settled, max(settled_at) AS last FROM payment_intents WHERE state = 'settled';
SELECT printf('requests %d (429: %d = %.2f%%), busy span %.1f s, accepted %.3f req/s, utilisation %.3f of 5 req/s',
              calls, limited, 100.0 * limited / calls, span, (calls - limited - 1) / span,
              (calls - limited - 1) / span / 5.0) FROM c;
SELECT printf('sandbox: most accepted in any rolling second %d, most arrived %d, answered 429 %d, duplicates %d',
              json_extract(j, '\$.max_accepted_in_window'), json_extract(j, '\$.max_arrived_in_window'),
              json_extract(j, '\$.rate_limited'), json_extract(j, '\$.duplicate_reference_ids')) FROM s;
SELECT printf('settled %d; API calls per settled intent %.2f (creates %d, polls %d, token %d)', settled,
              1.0 * (SELECT calls FROM c) / settled, (SELECT count(*) FROM api_calls WHERE kind = 'create'),
              (SELECT count(*) FROM api_calls WHERE kind = 'poll'), (SELECT count(*) FROM api_calls WHERE kind = 'token'))
  FROM i;
SELECT printf('from the end of the import to the last settlement: %.1f s', (last - $imported_ms) / 1000.0) FROM i;
SQL
