-- 0002_reporting.sql — read-only views for finance and `payq report`: one outcome per intent, totals per
-- day / currency / outcome with exact amounts, conversion, time to payment, failures, possible orphans, history.

-- One row per intent with its outcome as finance names it. `paid`, `expired` and `cancelled` are answers
-- of the partner (state settled); `cancelled_before_submit` was cancelled here before any request was made;
-- `failed` and `on_hold` never got a request recorded; the rest are still in progress.
-- paid_at_ms: when the partner's status first read 'paid' (its transition), else when the intent settled.
CREATE VIEW v_intent_outcomes AS
SELECT i.id, i.reference_id, i.batch, i.currency, c.minor_digits, i.amount, i.amount_minor, i.state, i.remote_id, i.remote_status,
       CASE i.state
         WHEN 'settled' THEN CASE WHEN i.remote_status IN ('paid', 'expired', 'cancelled') THEN i.remote_status
                                  ELSE 'settled_' || coalesce(i.remote_status, 'unknown') END
         WHEN 'cancelled' THEN 'cancelled_before_submit'
         WHEN 'submitted' THEN 'awaiting_payment'
         ELSE i.state
       END AS outcome,
       i.ambiguous, i.last_error,
       date(i.created_at / 1000, 'unixepoch') AS day,
       i.created_at AS created_at_ms,
       CASE WHEN i.state = 'settled' AND i.remote_status = 'paid' THEN
         coalesce((SELECT min(t.at) FROM status_transitions t
                    WHERE t.intent_id = i.id AND t.field = 'remote_status' AND t.new_value = 'paid'), i.settled_at)
       END AS paid_at_ms
  FROM payment_intents i JOIN currencies c ON c.code = i.currency;

-- Totals per day of creation, currency and outcome, summed exactly in minor units and formatted back.
CREATE VIEW v_outcome_totals AS
SELECT day, currency, outcome, intents, total_minor,
       CASE digits WHEN 0 THEN CAST(total_minor AS TEXT)
            ELSE printf('%d.%0*d', total_minor / unit, digits, total_minor % unit) END AS total
  FROM (SELECT day, currency, outcome, minor_digits AS digits, count(*) AS intents, sum(amount_minor) AS total_minor,
               CASE minor_digits WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END AS unit
          FROM v_intent_outcomes GROUP BY day, currency, outcome);

-- The same over all days.
CREATE VIEW v_currency_outcome_totals AS
SELECT currency, outcome, intents, total_minor,
       CASE digits WHEN 0 THEN CAST(total_minor AS TEXT)
            ELSE printf('%d.%0*d', total_minor / unit, digits, total_minor % unit) END AS total
  FROM (SELECT currency, outcome, minor_digits AS digits, count(*) AS intents, sum(amount_minor) AS total_minor,
               CASE minor_digits WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END AS unit
          FROM v_intent_outcomes GROUP BY currency, outcome);

-- Conversion: of the requests the partner settled (paid, expired or cancelled), the share paid.
-- One row per currency and one for all currencies ('(all)'); rate is NULL until something settled.
CREATE VIEW v_conversion AS
WITH per AS (
  SELECT currency, sum(outcome IN ('paid', 'expired', 'cancelled')) AS settled, sum(outcome = 'paid') AS paid
    FROM v_intent_outcomes GROUP BY currency
  UNION ALL
  SELECT '(all)', coalesce(sum(outcome IN ('paid', 'expired', 'cancelled')), 0), coalesce(sum(outcome = 'paid'), 0)
    FROM v_intent_outcomes)
SELECT currency, settled, paid, CASE WHEN settled > 0 THEN round(1.0 * paid / settled, 4) END AS conversion_rate
  FROM per;

-- Time from creation to payment over the paid intents, per currency and for all ('(all)'). Nearest rank:
-- the median is the smallest time within which at least half of them were paid; p95 likewise for 95 %.
CREATE VIEW v_time_to_payment AS
WITH paid AS (
  SELECT currency, paid_at_ms - created_at_ms AS ms FROM v_intent_outcomes WHERE outcome = 'paid'),
ranked AS (
  SELECT currency, ms, row_number() OVER (PARTITION BY currency ORDER BY ms) AS rn,
         count(*) OVER (PARTITION BY currency) AS n FROM paid
  UNION ALL
  SELECT '(all)', ms, row_number() OVER (ORDER BY ms), count(*) OVER () FROM paid)
SELECT currency, n AS paid,
       max(CASE WHEN rn = (n + 1) / 2 THEN ms END) AS median_ms,
       max(CASE WHEN rn = (95 * n + 99) / 100 THEN ms END) AS p95_ms,
       round(max(CASE WHEN rn = (n + 1) / 2 THEN ms END) / 1000.0, 1) AS median_seconds,
       round(max(CASE WHEN rn = (95 * n + 99) / 100 THEN ms END) / 1000.0, 1) AS p95_seconds
  FROM ranked GROUP BY currency;

-- Failed intents with the partner's message verbatim (or why payq gave up).
CREATE VIEW v_failed_intents AS
SELECT i.reference_id, i.batch, i.amount, i.currency, i.attempts, i.last_error,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.created_at / 1000.0, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.updated_at / 1000.0, 'unixepoch') AS failed_at
  FROM payment_intents i WHERE i.state = 'failed';

-- Possible orphans: an attempt had an ambiguous outcome, so the partner may hold a payment request that
-- payq never recorded (most worrying where remote_id is NULL). ambiguous_attempts counts the flagged
-- api_calls still kept (they are pruned by retention).
CREATE VIEW v_possible_orphans AS
SELECT i.reference_id, i.batch, i.state, i.amount, i.amount_minor, i.currency, i.remote_id, i.attempts,
       (SELECT count(*) FROM api_calls a WHERE a.intent_id = i.id AND a.ambiguous = 1) AS ambiguous_attempts,
       i.last_error,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.first_attempt_at / 1000.0, 'unixepoch') AS first_attempt_at
  FROM payment_intents i WHERE i.ambiguous = 1;

-- The history of every intent, oldest first: filter on reference_id and ORDER BY id.
CREATE VIEW v_intent_history AS
SELECT t.id, i.reference_id, strftime('%Y-%m-%dT%H:%M:%fZ', t.at / 1000.0, 'unixepoch') AS at, t.field,
       t.old_value, t.new_value, t.observed_by, t.detail
  FROM status_transitions t JOIN payment_intents i ON i.id = t.intent_id;
