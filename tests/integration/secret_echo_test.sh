#!/usr/bin/env bash
# integration/secret_echo_test.sh PAYQ SANDBOX — a token endpoint that refuses the first calls with errors echoing
# the whole request (form body, Authorization header, the secret as decoded): after `payq run --until-idle` at log
# level trace, with a secret that percent-encodes, no spelling of it (raw, percent-encoded in either hex case with
# '+' or %20, Base64 of id:secret) is in any table or the daemon's log, and every intent was still created. Form
# credentials, then HTTP Basic. Also: a secret under 8 characters is refused (exit 3); a world-readable secret
# file is warned about; the daemon cannot be dumped.
source "$(dirname "$0")/lib.sh"
payq=$1
sandbox_bin=$2
secret='p@ss+w/rd=1&x y'  # '@', '+', '/', '=', '&' and a space all percent-encode
refusals=3
intents=12

# The spellings a partner may echo: raw; percent-encoded (upper and lower hex, the space as %20 or '+');
# HTTP Basic's Base64 of id:secret with form-encoded parts (as payq sends it) and raw, without '=' padding.
encode() { perl -e '(my $s = $ARGV[0]) =~ s/([^A-Za-z0-9\-._~])/sprintf($ARGV[1], ord($1))/ge; print $s' "$1" "$2"; }
upper=$(encode "$secret" '%%%02X')
lower=$(encode "$secret" '%%%02x')
spellings=("$secret" "$upper" "$lower" "${upper//%20/+}" "${lower//%20/+}"
  "$(printf '%s' "shop:$upper" | base64 -w0 | tr -d '=')" "$(printf '%s' "shop:$secret" | base64 -w0 | tr -d '=')")

# config NAME [extra api keys]: $work/NAME.yaml for the sandbox on $port, database $work/NAME.db, trace logging.
config() {
  cat >"$work/$1.yaml" <<YAML
database: { path: $work/$1.db }
api: { base_url: "http://127.0.0.1:$port", client_id: shop, client_secret_file: $work/secret, timeout: 5s,
       connect_timeout: 1s ${2:-} }
reconciler: { first_poll_after: 1s, max_poll_interval: 2s }
retry: { initial_backoff: 200ms, max_backoff: 2s, max_attempts: 12 }
workers: { count: 4 }
log: { level: trace }
YAML
}

# run_daemon NAME: `payq run --until-idle` on NAME's config, its whole log in $work/NAME.log; sets $code.
# While it runs, SIGHUP once a second: an operator who fixed the credentials (a daemon that stops claiming
# after refused credentials resumes on it; one that backs off alone ignores it).
run_daemon() {
  "$payq" --config "$work/$1.yaml" run --until-idle 2>"$work/$1.log" &
  local pid=$!
  for _ in $(seq 100); do grep -q "payq running" "$work/$1.log" && break; sleep 0.1; done
  if [ "$(id -u)" != 0 ] && kill -0 "$pid" 2>/dev/null; then
    checks=$((checks + 1))  # a non-dumpable process's /proc files belong to root, not to its user
    [ "$(stat -c %u "/proc/$pid/environ")" != "$(id -u)" ] || fail "$1: the daemon is still dumpable"
  fi
  for _ in $(seq 180); do kill -0 "$pid" 2>/dev/null || break; kill -HUP "$pid" 2>/dev/null; sleep 1; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "$1: still running after 180 s"; }
  wait "$pid"
  code=$?
}

log_has() {  # log_has NAME TEXT: $work/NAME.log holds TEXT
  checks=$((checks + 1))
  grep -qF -- "$2" "$work/$1.log" || fail "$1.log: '$2' not found"
}

# check_phase NAME: every intent created and settled, the refusals happened, no spelling anywhere.
check_phase() {
  expect_eq "$1: daemon exit status" "$code" "0"
  expect_eq "$1: intents created" "$(sqlite3 "$work/$1.db" "SELECT count(*) FROM payment_intents
    WHERE remote_id IS NOT NULL")" "$intents"
  expect_eq "$1: intents settled" "$(sqlite3 "$work/$1.db" "SELECT count(*) FROM payment_intents
    WHERE state = 'settled'")" "$intents"
  expect_eq "$1: token calls refused with an echo" "$(sandbox_stat '$.requests.token."401"')" "$refusals"
  expect_eq "$1: what a refusal left behind" "$(sqlite3 "$work/$1.db" "SELECT DISTINCT error FROM api_calls
    WHERE kind = 'token' AND http_status = 401")" "token endpoint: HTTP 401 invalid_client"
  log_has "$1" "token endpoint: HTTP 401 invalid_client"
  log_has "$1" "response body"  # trace lines are there
  sqlite3 "$work/$1.db" .dump >"$work/$1.sql"
  for file in "$1.sql" "$1.log"; do
    for spelling in "${spellings[@]}"; do
      checks=$((checks + 1))
      ! grep -qF -- "$spelling" "$work/$file" || fail "$file holds the secret spelled '$spelling'"
    done
  done
}

make_batch() {  # make_batch PREFIX: $intents intents in $work/PREFIX.csv
  awk -v n="$intents" -v p="$1" 'BEGIN { print "reference_id,amount,currency,redirect_url"
    for (i = 1; i <= n; i++) printf "%s-%02d,%d.00,EUR,https://shop.example/r/%d\n", p, i, i, i }' >"$work/$1.csv"
}

sandbox_options=(--client-secret "$secret" --echo-token-request "$refusals" --settle-min 1s --settle-max 2s
  --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0)
printf '%s\n' "$secret" >"$work/secret"

# A secret this short cannot be redacted: refused before anything starts, as a configuration error.
start_sandbox "$sandbox_bin" "${sandbox_options[@]}"
cat >"$work/short.yaml" <<YAML
database: { path: $work/short.db }
api: { base_url: "http://127.0.0.1:$port", client_id: shop }
YAML
expect_exit 3 "run with a 1-character secret" -- env PAYQ_CLIENT_SECRET=s "$payq" --config "$work/short.yaml" run
expect_contains "says why" "$err" "api.client_secret: shorter than 8 characters"
expect_contains "says why" "$err" "cannot be redacted safely"
expect_exit 3 "check-config with a 7-character secret" -- \
  env PAYQ_CLIENT_SECRET=1234567 "$payq" --config "$work/short.yaml" check-config

# Form credentials, from a secret file anyone may read (warned about).
chmod 0644 "$work/secret"
config form
make_batch FORM
"$payq" --config "$work/form.yaml" import "$work/FORM.csv" >/dev/null
run_daemon form
check_phase form
log_has form "readable by every user"
# The sandbox did echo: a refusal of wrong credentials quotes them back.
echo_body=$(curl -s -d 'grant_type=client_credentials&client_id=shop&client_secret=wrong%2Bone' \
  "http://127.0.0.1:$port/oauth/token")
expect_contains "the sandbox echoes the form body" "$echo_body" "client_secret=wrong%2Bone"
stop_sandbox

# HTTP Basic credentials, from a secret file only its owner reads (no warning).
start_sandbox "$sandbox_bin" "${sandbox_options[@]}"
chmod 0600 "$work/secret"
config basic ", token_auth: basic"
make_batch BASIC
"$payq" --config "$work/basic.yaml" import "$work/BASIC.csv" >/dev/null
run_daemon basic
check_phase basic
checks=$((checks + 1))
! grep -q "readable by every user" "$work/basic.log" || fail "basic: a 0600 secret file was warned about"
finish
