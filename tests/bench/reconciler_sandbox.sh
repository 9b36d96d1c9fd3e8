#!/usr/bin/env bash
# bench/reconciler_sandbox.sh BUILD_DIR [POLICY...] — the real daemon (`payq run --until-idle`) against payq-sandbox
# on 127.0.0.1 with customers who pay like real ones, in compressed time, once per poll policy (default: backoff
# adaptive). Prints per policy: polls per settled intent, API calls by kind, the lag from the partner's change to
# the poll that saw it (paid p50/p95, and for every final status), and the wall time. Not run by CI.
#
# The "slow" workload of issue #10 (70% pay after a lognormal delay, median 10 min, sigma 1.5; 10% cancel on the
# same curve; the rest expire at 24 h) compressed 60 times: median 10 s, and the schedule scaled alike
# (first_poll_after 5 s -> 100ms, max_poll_interval 15 min -> 15 s, adaptive's max_poll_gap 1 h -> 60 s). 200
# intents drain in about 4 medians, as 10,000 do in the real run, so the poll demand meets the 5 req/s budget as
# it would there. Only the expiry is compressed further (24 h -> 120 s, 12 medians; a run takes about 3 minutes):
# that spares backoff most of its polls of requests waiting to expire, so it understates what a policy that
# learns the expiry saves. Override with INTENTS, MEDIAN, SIGMA, EXPIRE_AFTER, FIRST_POLL, MAX_POLL, MAX_GAP, SEED,
# and SANDBOX_OPTS (extra payq-sandbox options, e.g. "--latency 80ms --jitter 40ms"); KEEP=1 keeps each run's
# database, config, log and the sandbox's account of every payment (payments.json) and says where.
set -euo pipefail
build=${1:-build}; shift || true
policies=("$@")
[ ${#policies[@]} -gt 0 ] || policies=(backoff adaptive)
intents=${INTENTS:-200}
median=${MEDIAN:-10s}
sigma=${SIGMA:-1.5}
expire_after=${EXPIRE_AFTER:-120s}
first_poll=${FIRST_POLL:-100ms}
max_poll=${MAX_POLL:-15s}
max_gap=${MAX_GAP:-60s}
seed=${SEED:-11}
read -r -a sandbox_opts <<<"${SANDBOX_OPTS:-}"

work=$(mktemp -d /tmp/payq-reconciler-bench.XXXXXX)
sandbox=""
stop_sandbox() { if [ -n "$sandbox" ]; then kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true; fi; sandbox=""; }
cleanup() {
  stop_sandbox
  if [ -n "${KEEP:-}" ]; then echo "runs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export PAYQ_CLIENT_SECRET=bench-secret

start_sandbox() {
  "$build/tests/sandbox/payq-sandbox" --port 0 --client-id shop --client-secret bench-secret --rate-limit 5 \
    --seed "$seed" --settle-lognormal "$median,$sigma" --paid-fraction 0.7 --cancelled-fraction 0.1 \
    --expired-fraction 0 --expire-after "$expire_after" "${sandbox_opts[@]}" >"$1/sandbox.out" 2>&1 &
  sandbox=$!
  for _ in $(seq 100); do grep -q "listening on" "$1/sandbox.out" && break; sleep 0.1; done
  port=$(grep -o '127.0.0.1:[0-9]*' "$1/sandbox.out" | cut -d: -f2)
  [ -n "$port" ] || { echo "sandbox did not start: $(cat "$1/sandbox.out")" >&2; exit 1; }
}

# write_config DIR POLICY: the config for one run; a payq without reconciler.policy runs backoff, its only
# schedule, and cannot run another (exit 3 from check-config).
write_config() {
  local dir=$1 policy=$2 extra=""
  [ "$policy" = adaptive ] && extra=", max_poll_gap: $max_gap"
  cat >"$dir/payq.yaml" <<YAML
database: { path: $dir/q.db }
api: { base_url: "http://127.0.0.1:$port", client_id: shop }
reconciler: { policy: $policy, first_poll_after: $first_poll, max_poll_interval: $max_poll$extra }
YAML
  "$build/payq" --config "$dir/payq.yaml" check-config >/dev/null 2>"$dir/check.err" && return 0
  if [ "$policy" = backoff ] && grep -q "reconciler.policy .*unknown key" "$dir/check.err"; then
    sed -i 's/policy: backoff, //' "$dir/payq.yaml"
    echo "(this payq has no reconciler.policy: running its fixed schedule, which is backoff)"
    "$build/payq" --config "$dir/payq.yaml" check-config >/dev/null && return 0
  fi
  echo "policy $policy cannot run with this payq: $(cat "$dir/check.err")" >&2
  return 1
}

# report DIR POLICY WALL_SECONDS: the figures of one run, from its database and the sandbox's own account.
report() {
  local dir=$1 policy=$2 wall=$3
  curl -s "http://127.0.0.1:$port/_admin/payments?format=json" >"$dir/payments.json"
  curl -s "http://127.0.0.1:$port/_admin/stats" >"$dir/stats.json"
  sqlite3 "$dir/q.db" <<SQL
CREATE TEMP TABLE partner AS
  SELECT json_extract(value, '\$.id') AS id, json_extract(value, '\$.changed_at_ms') AS changed_at
    FROM json_each(readfile('$dir/payments.json'));
CREATE TEMP TABLE lag AS
  SELECT t.new_value AS status, t.at - p.changed_at AS ms
    FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id JOIN partner p ON p.id = i.remote_id
   WHERE t.field = 'remote_status' AND t.new_value IN ('paid', 'cancelled', 'expired');
CREATE TEMP VIEW calls AS SELECT kind, count(*) AS n, sum(http_status = 429) AS limited FROM api_calls GROUP BY kind;
CREATE TEMP TABLE figures AS SELECT
  (SELECT count(*) FROM payment_intents WHERE state = 'settled') AS settled,
  (SELECT sum(polls) FROM payment_intents) AS polls,
  (SELECT count(*) FROM payment_intents WHERE state NOT IN ('settled')) AS unsettled;
-- nearest-rank percentile of the lags of one final status, in seconds
CREATE TEMP VIEW ranked AS
  SELECT status, ms, row_number() OVER (PARTITION BY status ORDER BY ms) AS r, count(*) OVER (PARTITION BY status) AS n
    FROM lag;
CREATE TEMP VIEW pct AS
  SELECT status, n,
         (SELECT ms FROM ranked b WHERE b.status = a.status AND b.r = max(1, (a.n * 50 + 99) / 100)) / 1000.0 AS p50,
         (SELECT ms FROM ranked b WHERE b.status = a.status AND b.r = max(1, (a.n * 95 + 99) / 100)) / 1000.0 AS p95,
         (SELECT max(ms) FROM ranked b WHERE b.status = a.status) / 1000.0 AS worst
    FROM (SELECT DISTINCT status, n FROM ranked) a;
.mode list
SELECT printf('%-8s polls per settled intent %.2f (%d polls, %d settled, %d not settled); wall %d s',
              '$policy', 1.0 * polls / settled, polls, settled, unsettled, $wall) FROM figures;
SELECT printf('         API calls: %d (token %d, create %d, poll %d; answered 429: %d); creates drained in %.1f s',
              (SELECT sum(n) FROM calls), (SELECT coalesce(sum(n), 0) FROM calls WHERE kind = 'token'),
              (SELECT coalesce(sum(n), 0) FROM calls WHERE kind = 'create'),
              (SELECT coalesce(sum(n), 0) FROM calls WHERE kind = 'poll'), (SELECT sum(limited) FROM calls),
              (SELECT (max(started_at) - min(started_at)) / 1000.0 FROM api_calls WHERE kind = 'create'));
SELECT printf('         sandbox: most requests accepted in any rolling second %d, duplicates %d',
              json_extract(readfile('$dir/stats.json'), '\$.max_accepted_in_window'),
              json_extract(readfile('$dir/stats.json'), '\$.duplicate_reference_ids'));
SELECT printf('         %-9s detection lag p50 %.1f s, p95 %.1f s, worst %.1f s (%d intents)', status, p50, p95, worst, n)
  FROM pct ORDER BY status = 'paid' DESC, status;
SELECT printf('SUMMARY|%s|%d|%.2f|%d|%d|%.1f|%.1f|%d', '$policy', $intents, 1.0 * polls / settled,
              (SELECT sum(n) FROM calls), polls, (SELECT p50 FROM pct WHERE status = 'paid'),
              (SELECT p95 FROM pct WHERE status = 'paid'), $wall)
  FROM figures;
SQL
}

# run_policy POLICY: one fresh sandbox (same seed, so the same fates in creation order) and one fresh database.
run_policy() {
  local policy=$1 dir="$work/$1"
  mkdir -p "$dir"
  start_sandbox "$dir"
  if ! write_config "$dir" "$policy"; then stop_sandbox; return 0; fi
  awk -v n="$intents" 'BEGIN { print "reference_id,amount,currency,redirect_url"
    for (i = 1; i <= n; i++) printf "RB-%d,%d.00,USD,https://shop.example/%d\n", i, 1 + i % 900, i }' >"$dir/in.csv"
  "$build/payq" --config "$dir/payq.yaml" import "$dir/in.csv" --batch bench >/dev/null
  local started; started=$(date +%s)
  timeout 1200 "$build/payq" --config "$dir/payq.yaml" run --until-idle 2>"$dir/run.log" ||
    { echo "payq run failed ($?); last lines of its log:" >&2; tail -n 20 "$dir/run.log" >&2; stop_sandbox; return 1; }
  report "$dir" "$policy" $(($(date +%s) - started)) | tee "$dir/report.txt" | grep -v '^SUMMARY|'
  stop_sandbox
}

echo "reconciler against payq-sandbox: $intents intents; 70% paid and 10% cancelled after lognormal($median, $sigma)," \
  "the rest expire at $expire_after; first_poll_after $first_poll, max_poll_interval $max_poll; seed $seed"
for policy in "${policies[@]}"; do run_policy "$policy"; done
summaries=$(for policy in "${policies[@]}"; do cat "$work/$policy/report.txt" 2>/dev/null || true; done | grep '^SUMMARY|' || true)
[ -n "$summaries" ] || exit 1
echo
printf '%-9s %7s %14s %9s %7s %12s %12s %7s\n' policy intents polls/settled calls polls "paid p50 s" "paid p95 s" "wall s"
while IFS='|' read -r _ policy n per calls polls p50 p95 wall; do
  printf '%-9s %7s %14s %9s %7s %12s %12s %7s\n' "$policy" "$n" "$per" "$calls" "$polls" "$p50" "$p95" "$wall"
done <<<"$summaries"
