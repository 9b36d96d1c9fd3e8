#!/usr/bin/env bash
# integration/operator_test.sh PAYQ SANDBOX — operator actions that cannot make an intent immortal or hide a
# possible payment request: resolve verifies the remote id at the partner (a typo, another intent's request, an
# id already taken, an unreachable partner: refused, nothing changed); requeue keeps the first attempt's time;
# cancel of an intent that may exist at the partner needs --force.
source "$(dirname "$0")/lib.sh"
payq=$1
q() { "$payq" --config "$work/payq.yaml" "$@"; }
# intent_row REF: the columns an operator action may change, to compare before and after a refusal.
intent_row() { db_value "SELECT state, coalesce(remote_id, '-'), coalesce(first_attempt_at, '-'), updated_at,
  (SELECT count(*) FROM status_transitions t WHERE t.intent_id = i.id) FROM payment_intents i WHERE reference_id = '$1'"; }
# create_at_sandbox REF: a payment request made at the sandbox directly (as a person might find one); prints its id.
json_field() { sqlite3 :memory: "SELECT json_extract('$(echo "$1" | sed "s/'/''/g")', '$2')"; }
create_at_sandbox() {
  local token
  token=$(json_field "$(curl -s -d grant_type=client_credentials -d client_id=shop -d client_secret=sandbox-secret \
    "http://127.0.0.1:$port/oauth/token")" '$.access_token')
  json_field "$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"amount\":\"5.00\",\"currency\":\"EUR\",\"redirect_url\":\"https://s.example/r\",\"reference_id\":\"$1\"}" \
    "http://127.0.0.1:$port/payment/request")" '$.id'
}

# Every create is processed by the partner but answered 500: with on_ambiguous hold, each intent goes on_hold.
start_sandbox "$2" --fail-after-create 1
write_config
sed -i 's/^retry: { /retry: { on_ambiguous: hold, /' "$work/payq.yaml"
printf 'reference_id,amount,currency,redirect_url\nOP-1,5.00,EUR,https://s.example/r\nOP-2,6.00,EUR,https://s.example/r\nOP-3,7.00,EUR,https://s.example/r\n' \
  >"$work/in.csv"
expect_exit 0 "import" -- q import "$work/in.csv"
expect_exit 0 "run --until-idle" -- timeout 120 "$payq" --config "$work/payq.yaml" run --until-idle
expect_eq "all held as ambiguous" "$(db_value "SELECT group_concat(state || ':' || ambiguous) FROM payment_intents")" \
  "on_hold:1,on_hold:1,on_hold:1"
stop_sandbox

# A second sandbox that answers normally: the requests a person found there.
start_sandbox "$2" --rate-limit 1000  # the test's own calls come in quick succession
write_config
mine=$(create_at_sandbox OP-1)
others=$(create_at_sandbox SOMEONE-ELSE)
[ -n "$mine" ] && [ -n "$others" ] || fail "the sandbox created no request: '$mine' '$others'"

before=$(intent_row OP-1)
expect_exit 11 "resolve with an id the partner does not know" -- q resolve OP-1 --remote-id pr_typo
expect_contains "404 refusal names the id" "$err" "pr_typo"
expect_eq "nothing changed after a 404" "$(intent_row OP-1)" "$before"
expect_exit 11 "resolve with another reference's request" -- q resolve OP-1 --remote-id "$others"
expect_contains "mismatch names the other reference" "$err" "SOMEONE-ELSE"
expect_eq "nothing changed after a mismatch" "$(intent_row OP-1)" "$before"
expect_exit 0 "resolve with the right id" -- q resolve OP-1 --remote-id "$mine"
expect_eq "resolved: submitted with the id" "$(db_value "SELECT state || ' ' || remote_id FROM payment_intents
  WHERE reference_id = 'OP-1'")" "submitted $mine"
expect_contains "transition says it was verified" "$(db_value "SELECT detail FROM status_transitions t JOIN
  payment_intents i ON i.id = t.intent_id WHERE i.reference_id = 'OP-1' ORDER BY t.id DESC LIMIT 1")" "verified"

before=$(intent_row OP-2)
expect_exit 6 "resolve with an id another intent has" -- q resolve OP-2 --remote-id "$mine"
expect_contains "the conflict names the intent" "$err" "OP-1"
expect_eq "nothing changed after a conflict" "$(intent_row OP-2)" "$before"
stop_sandbox
expect_exit 12 "resolve with the partner unreachable" -- q resolve OP-2 --remote-id pr_any
expect_contains "unreachable: try again" "$err" "try again"
expect_eq "nothing changed while unreachable" "$(intent_row OP-2)" "$before"

# requeue keeps the first attempt's time (the partner's idempotency window runs from it).
first=$(db_value "SELECT first_attempt_at FROM payment_intents WHERE reference_id = 'OP-2'")
[ -n "$first" ] || fail "OP-2 has no first_attempt_at"
expect_exit 0 "requeue a held intent" -- q requeue OP-2
expect_eq "requeue keeps first_attempt_at" \
  "$(db_value "SELECT state || ' ' || first_attempt_at FROM payment_intents WHERE reference_id = 'OP-2'")" "queued $first"

# cancel of a queued intent that may exist at the partner: refused without --force, recorded with it.
before=$(intent_row OP-2)
expect_exit 6 "cancel an ambiguous queued intent" -- q cancel OP-2
expect_contains "refusal explains" "$err" "--force"
expect_eq "nothing changed after the refusal" "$(intent_row OP-2)" "$before"
expect_exit 0 "cancel --force" -- q cancel OP-2 --force
expect_eq "cancelled" "$(db_value "SELECT state FROM payment_intents WHERE reference_id = 'OP-2'")" "cancelled"
expect_contains "the transition says a request may exist" "$(db_value "SELECT detail FROM status_transitions t JOIN
  payment_intents i ON i.id = t.intent_id WHERE i.reference_id = 'OP-2' ORDER BY t.id DESC LIMIT 1")" \
  "a payment request may exist at the partner"
finish
