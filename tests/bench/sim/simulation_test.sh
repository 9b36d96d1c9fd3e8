#!/usr/bin/env bash
# sim/simulation_test.sh — the batch simulation at small size in CI: a few seeds, both workloads, every policy the
# build offers. Asserts the invariants (payq_simulate exits 1 when an intent is not final or a rolling second at the
# partner went over the limit) and that the same seed prints the same output. Never asserts timings.
# usage: simulation_test.sh PATH/TO/payq_simulate
set -euo pipefail
sim=$1
policies=$("$sim" --policies)
failed=0
for policy in $policies; do
  for workload in fast slow; do
    hours=2
    [ "$workload" = slow ] && hours=25  # expiry at 24 h, then one more poll
    for seed in 1 2; do
      args=(--intents 200 --workload "$workload" --policy "$policy" --seed "$seed" --hours "$hours" --no-wall)
      first=$("$sim" "${args[@]}") || { echo "FAIL ${args[*]}: invariants"; echo "$first"; failed=1; continue; }
      second=$("$sim" "${args[@]}") || { echo "FAIL ${args[*]}: invariants on the repeat"; failed=1; continue; }
      if [ "$first" != "$second" ]; then
        echo "FAIL ${args[*]}: the same seed printed different output"
        diff <(echo "$first") <(echo "$second") || true
        failed=1
        continue
      fi
      echo "ok   ${args[*]}"
    done
  done
done
exit $failed
