-- 0009_payment_url.sql — the link the customer pays at, as the partner's create answer gave it (its `payment_url`),
-- in its own column; remote_payload keeps the whole body as before. NULL when the partner sent none, or sent one
-- that is not an absolute http(s) URL (src/api/payment_link.cpp checks it with the one URL parser; this CHECK is a
-- looser floor for plain-SQL writers, so whatever the C++ code accepts always passes it).
ALTER TABLE payment_intents ADD COLUMN payment_url TEXT
  CONSTRAINT payment_url_absolute_http CHECK (payment_url IS NULL OR (length(payment_url) <= 2048
    AND payment_url NOT GLOB '*[^!-~]*' AND (payment_url GLOB 'https://?*' OR payment_url GLOB 'http://?*')));

-- v_intents with the same columns as before, plus payment_url at the end.
DROP VIEW v_intents;
CREATE VIEW v_intents AS
SELECT i.reference_id, i.state, i.amount, i.amount_minor, i.currency, i.redirect_url, i.batch,
       i.remote_id, i.remote_status, i.attempts, i.throttled, i.ambiguous, i.last_error, i.polls,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.created_at / 1000.0, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.updated_at / 1000.0, 'unixepoch') AS updated_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.settled_at / 1000.0, 'unixepoch') AS settled_at,
       i.payment_url
  FROM payment_intents i;
