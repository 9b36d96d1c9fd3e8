#!/usr/bin/env bash
# integration/operator_bulk_test.sh PAYQ SANDBOX — operator actions over a selection (REF, stdin, --batch/--state),
# --dry-run, per-intent reports in text and JSON, the harmless second cancel, the exit code of state refusals, who
# and why in status_transitions; and the customer's payment_url from a real run against the sandbox in list, show
# and v_intents.
source "$(dirname "$0")/lib.sh"
payq=$1
q() { "$payq" --config "$work/payq.yaml" "$@"; }
state_of() { db_value "SELECT state FROM payment_intents WHERE reference_id = '$1'"; }
transitions() { db_value "SELECT count(*) FROM status_transitions"; }
json_value() { sqlite3 :memory: "SELECT json_extract('$(echo "$1" | sed "s/'/''/g")', '$2')"; }

# --- payment_url after a real run: the sandbox answers each create with a payment_url.
start_sandbox "$2" --settle-min 1s --settle-max 1s --paid-fraction 1 --expired-fraction 0 --cancelled-fraction 0
write_config
printf 'reference_id,amount,currency,redirect_url\nPAY-1,5.00,EUR,https://s.example/r\nPAY-2,6.00,EUR,https://s.example/r\n' \
  >"$work/pay.csv"
expect_exit 0 "import" -- q import "$work/pay.csv" --batch paid
expect_exit 0 "run --until-idle" -- timeout 120 "$payq" --config "$work/payq.yaml" run --until-idle
remote=$(db_value "SELECT remote_id FROM payment_intents WHERE reference_id = 'PAY-1'")
link="http://127.0.0.1:$port/pay/$remote"
expect_eq "payment_url stored from the create" \
  "$(db_value "SELECT payment_url FROM payment_intents WHERE reference_id = 'PAY-1'")" "$link"
expect_eq "v_intents shows payment_url" "$(db_value "SELECT payment_url FROM v_intents WHERE reference_id = 'PAY-1'")" "$link"
expect_eq "v_intents keeps its columns, payment_url last" \
  "$(db_value "SELECT group_concat(name, ',') FROM pragma_table_info('v_intents')")" \
  "reference_id,state,amount,amount_minor,currency,redirect_url,batch,remote_id,remote_status,attempts,throttled,ambiguous,last_error,polls,created_at,updated_at,settled_at,payment_url"
expect_contains "the whole body is still stored" \
  "$(db_value "SELECT remote_payload FROM payment_intents WHERE reference_id = 'PAY-1'")" "\"payment_url\""
expect_exit 0 "list --format json" -- q list --batch paid --format json
expect_eq "list json has payment_url" "$(json_value "$out" '$[0].payment_url')" "$link"
expect_exit 0 "list --format csv" -- q list --batch paid --format csv
expect_contains "list csv header ends with payment_url" "$(echo "$out" | head -1)" ",settled_at,payment_url"
expect_contains "list csv row has the link" "$(echo "$out" | sed -n 2p)" ",$link"
expect_exit 0 "show" -- q show PAY-1
expect_contains "show has the link" "$out" "payment_url     $link"
stop_sandbox

# --- bulk actions. Batch b holds one intent in each interesting state.
printf 'reference_id,amount,currency,redirect_url\n' >"$work/b.csv"
for i in 1 2 3 4 5 6; do echo "B-$i,1.00,EUR,https://s.example/r" >>"$work/b.csv"; done
expect_exit 0 "import batch b" -- q import "$work/b.csv" --batch b
sqlite3 "$work/q.db" "UPDATE payment_intents SET changed_by = 'test', state = 'failed', last_error = 'amount: refused'
                        WHERE reference_id = 'B-1';
  UPDATE payment_intents SET changed_by = 'test', state = 'on_hold', ambiguous = 1 WHERE reference_id = 'B-2';
  UPDATE payment_intents SET changed_by = 'test', state = 'on_hold' WHERE reference_id = 'B-3';
  UPDATE payment_intents SET changed_by = 'test', state = 'submitted', remote_id = 'pr_b5' WHERE reference_id = 'B-5';"
expect_exit 0 "cancel B-6 (plain queued)" -- q cancel B-6 --by ann --reason "order withdrawn"
expect_eq "B-6 cancelled" "$(state_of B-6)" "cancelled"
expect_contains "single-ref output" "$out" "B-6: cancelled (was queued)"

# --dry-run judges every intent, changes nothing; the exit code is what the real run would give.
before=$(transitions)
expect_exit 0 "requeue --dry-run --batch b --state failed" -- q requeue --batch b --state failed --dry-run --by ann
expect_contains "dry run says what would happen" "$out" "B-1: would be queued (is failed)"
expect_contains "dry run summary" "$out" "(dry run: nothing changed)"
expect_exit 6 "cancel --dry-run --batch b: B-2 needs --force" -- q cancel --batch b --dry-run --by ann
expect_contains "dry run: B-1 would be cancelled" "$out" "B-1: would be cancelled (is failed)"
expect_contains "dry run: B-6 already cancelled" "$out" "B-6: already cancelled, nothing to do"
expect_contains "dry run: B-2 needs --force" "$err" "cannot cancel ref=B-2"
expect_contains "dry run: B-5 refused by state" "$err" "cannot cancel ref=B-5: it is submitted"
expect_eq "dry runs changed nothing" "$(transitions)|$(state_of B-1)|$(state_of B-3)" "$before|failed|on_hold"

# References on stdin: each judged on its own; an unknown one is reported, the others still done.
printf 'B-1\n\n  B-3  \nNOPE\nB-1\n' >"$work/refs"
expect_exit 5 "cancel - (stdin) with an unknown reference" -- \
  bash -c "'$payq' --config '$work/payq.yaml' cancel - --by alice --reason 'duplicate run' <'$work/refs'"
expect_eq "failed and on_hold intents cancelled" "$(state_of B-1) $(state_of B-3)" "cancelled cancelled"
expect_contains "unknown reference reported" "$err" "no intent with reference_id 'NOPE'"
expect_contains "stdin summary" "$out" "cancel: 3 intent(s): changed 2, not_found 1"
expect_eq "who and why in the transition" "$(db_value "SELECT t.observed_by || '|' || t.detail || '|' || t.old_value
  FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id WHERE i.reference_id = 'B-1'
  ORDER BY t.id DESC LIMIT 1")" "operator:alice|duplicate run|failed"
expect_eq "last_error kept on a discarded failed intent" \
  "$(db_value "SELECT last_error FROM payment_intents WHERE reference_id = 'B-1'")" "amount: refused"

# A second cancel is a harmless no-op; a refusal by state has its own exit code (13).
before=$(transitions)
expect_exit 0 "cancel a cancelled intent again" -- q cancel B-1 --by alice
expect_contains "no-op said" "$out" "B-1: already cancelled, nothing to do"
expect_eq "no-op wrote no transition" "$(transitions)" "$before"
expect_exit 13 "cancel a submitted intent" -- q cancel B-5 --by alice
expect_contains "refusal names the state" "$err" "it is submitted"
expect_exit 13 "requeue a queued intent" -- q requeue B-4 --by alice
expect_eq "refusals changed nothing" "$(transitions)|$(state_of B-5)" "$before|submitted"

# JSON report; the actor from $SUDO_USER, else $USER.
expect_exit 0 "requeue --batch b --state on_hold --format json" -- \
  env SUDO_USER=bob "$payq" --config "$work/payq.yaml" requeue --batch b --state on_hold --format json --reason checked
expect_eq "json: one changed" "$(json_value "$out" '$.counts.changed')" "1"
expect_eq "json: the intent's result" "$(json_value "$out" '$.intents[0].reference_id') $(json_value "$out" \
  '$.intents[0].from') $(json_value "$out" '$.intents[0].to') $(json_value "$out" '$.intents[0].result')" \
  "B-2 on_hold queued changed"
expect_eq "json: by from \$SUDO_USER" "$(json_value "$out" '$.by')" "bob"
expect_eq "SUDO_USER recorded" "$(db_value "SELECT observed_by FROM status_transitions ORDER BY id DESC LIMIT 1")" \
  "operator:bob"
expect_exit 0 "cancel with \$USER only" -- env -u SUDO_USER USER=carol "$payq" --config "$work/payq.yaml" cancel B-4
expect_eq "USER recorded" "$(db_value "SELECT observed_by FROM status_transitions ORDER BY id DESC LIMIT 1")" \
  "operator:carol"
expect_exit 13 "refused with neither \$SUDO_USER nor \$USER" -- \
  env -u SUDO_USER -u USER "$payq" --config "$work/payq.yaml" requeue B-4 --format json
expect_eq "the account name is the actor" "$(json_value "$out" '$.by')" "$(id -un)"

# --force over the batch: the ambiguous queued B-2 goes, the submitted B-5 is refused (13), the rest are no-ops.
expect_exit 13 "cancel --batch b --force --format json" -- q cancel --batch b --force --by ann --format json
expect_eq "json counts" "$(json_value "$out" '$.counts.changed') $(json_value "$out" '$.counts.unchanged') $(json_value \
  "$out" '$.counts.refused') $(json_value "$out" '$.exit_code')" "1 4 1 13"
expect_contains "forced cancel says so" "$(db_value "SELECT detail FROM status_transitions t JOIN payment_intents i
  ON i.id = t.intent_id WHERE i.reference_id = 'B-2' ORDER BY t.id DESC LIMIT 1")" "forced"

# Selections that make no sense, and one that matches nothing.
expect_exit 5 "cancel --batch nobody" -- q cancel --batch nobody --by ann
expect_contains "empty selection named" "$err" "no intent matches --batch nobody"
expect_exit 2 "REF and --batch together" -- q cancel B-1 --batch b --by ann
expect_exit 2 "no selection" -- q cancel --by ann
expect_exit 2 "unknown --state" -- q requeue --state lost --by ann
expect_exit 2 "--format csv refused" -- q cancel B-1 --format csv --by ann
finish
