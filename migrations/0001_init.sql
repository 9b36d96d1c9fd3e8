-- 0001_init.sql — the queue and the ledger. The schema itself rejects bad rows, so a plain-SQL
-- producer that inserts (reference_id, amount, currency, redirect_url[, batch]) is held to the same
-- rules as the CLI; everything else has a default or is derived here. Times are UTC milliseconds.

CREATE TABLE currencies (
  code         TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z][A-Z]'),
  minor_digits INTEGER NOT NULL CHECK (minor_digits BETWEEN 0 AND 4)
) WITHOUT ROWID;

INSERT INTO currencies (code, minor_digits) VALUES
  ('AED',2), ('AFN',2), ('ALL',2), ('AMD',2), ('ANG',2), ('AOA',2), ('ARS',2), ('AUD',2), ('AWG',2),
  ('AZN',2), ('BAM',2), ('BBD',2), ('BDT',2), ('BGN',2), ('BHD',3), ('BIF',0), ('BMD',2), ('BND',2),
  ('BOB',2), ('BOV',2), ('BRL',2), ('BSD',2), ('BTN',2), ('BWP',2), ('BYN',2), ('BZD',2), ('CAD',2),
  ('CDF',2), ('CHE',2), ('CHF',2), ('CHW',2), ('CLF',4), ('CLP',0), ('CNY',2), ('COP',2), ('COU',2),
  ('CRC',2), ('CUP',2), ('CVE',2), ('CZK',2), ('DJF',0), ('DKK',2), ('DOP',2), ('DZD',2), ('EGP',2),
  ('ERN',2), ('ETB',2), ('EUR',2), ('FJD',2), ('FKP',2), ('GBP',2), ('GEL',2), ('GHS',2), ('GIP',2),
  ('GMD',2), ('GNF',0), ('GTQ',2), ('GYD',2), ('HKD',2), ('HNL',2), ('HTG',2), ('HUF',2), ('IDR',2),
  ('ILS',2), ('INR',2), ('IQD',3), ('IRR',2), ('ISK',0), ('JMD',2), ('JOD',3), ('JPY',0), ('KES',2),
  ('KGS',2), ('KHR',2), ('KMF',0), ('KPW',2), ('KRW',0), ('KWD',3), ('KYD',2), ('KZT',2), ('LAK',2),
  ('LBP',2), ('LKR',2), ('LRD',2), ('LSL',2), ('LYD',3), ('MAD',2), ('MDL',2), ('MGA',2), ('MKD',2),
  ('MMK',2), ('MNT',2), ('MOP',2), ('MRU',2), ('MUR',2), ('MVR',2), ('MWK',2), ('MXN',2), ('MXV',2),
  ('MYR',2), ('MZN',2), ('NAD',2), ('NGN',2), ('NIO',2), ('NOK',2), ('NPR',2), ('NZD',2), ('OMR',3),
  ('PAB',2), ('PEN',2), ('PGK',2), ('PHP',2), ('PKR',2), ('PLN',2), ('PYG',0), ('QAR',2), ('RON',2),
  ('RSD',2), ('RUB',2), ('RWF',0), ('SAR',2), ('SBD',2), ('SCR',2), ('SDG',2), ('SEK',2), ('SGD',2),
  ('SHP',2), ('SLE',2), ('SLL',2), ('SOS',2), ('SRD',2), ('SSP',2), ('STN',2), ('SVC',2), ('SYP',2),
  ('SZL',2), ('THB',2), ('TJS',2), ('TMT',2), ('TND',3), ('TOP',2), ('TRY',2), ('TTD',2), ('TWD',2),
  ('TZS',2), ('UAH',2), ('UGX',0), ('USD',2), ('USN',2), ('UYI',0), ('UYU',2), ('UYW',4), ('UZS',2),
  ('VED',2), ('VES',2), ('VND',0), ('VUV',0), ('WST',2), ('XAF',0), ('XCD',2), ('XCG',2), ('XOF',0),
  ('XPF',0), ('YER',2), ('ZAR',2), ('ZMW',2), ('ZWG',2), ('ZWL',2);

CREATE TABLE payment_intents (
  id               INTEGER PRIMARY KEY,
  reference_id     TEXT NOT NULL UNIQUE
                   CONSTRAINT reference_id_1_to_128_visible_ascii CHECK (length(reference_id) BETWEEN 1 AND 128 AND reference_id NOT GLOB '*[^!-~]*'),
  -- the amount exactly as the producer gave it and as it is sent: a positive plain decimal string
  amount           TEXT NOT NULL
                   CONSTRAINT amount_positive_plain_decimal CHECK (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9.]*' AND amount NOT GLOB '*.*.*'
                          AND amount NOT GLOB '*.' AND amount NOT GLOB '0[0-9]*' AND amount GLOB '*[1-9]*'
                          AND (CASE instr(amount, '.') WHEN 0 THEN length(amount) ELSE instr(amount, '.') - 1 END) <= 14),
  -- exact minor units (cents), derived from amount and the currency's digits; filled by trigger when omitted
  amount_minor     INTEGER CONSTRAINT amount_minor_positive CHECK (amount_minor IS NULL OR amount_minor > 0),
  currency         TEXT NOT NULL CONSTRAINT currency_three_upper_case_letters CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  redirect_url     TEXT NOT NULL
                   CONSTRAINT redirect_url_absolute_http_with_host CHECK (length(redirect_url) <= 2048 AND redirect_url NOT GLOB '*[^!-~]*'
                          AND ((redirect_url GLOB 'https://?*' AND substr(redirect_url, 9, 1) NOT IN ('/', '?', '#', ':', '@'))
                            OR (redirect_url GLOB 'http://?*' AND substr(redirect_url, 8, 1) NOT IN ('/', '?', '#', ':', '@')))),
  batch            TEXT CONSTRAINT batch_1_to_128_printable_ascii CHECK (batch IS NULL OR (length(batch) BETWEEN 1 AND 128 AND batch NOT GLOB '*[^ -~]*')),
  state            TEXT NOT NULL DEFAULT 'queued'
                   CONSTRAINT state_known CHECK (state IN ('queued', 'submitting', 'submitted', 'settled', 'failed', 'on_hold', 'cancelled')),
  remote_id        TEXT,                                  -- unique where set (index below)
  remote_status    TEXT,
  remote_payload   TEXT,                                   -- last response body, whole
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),     -- attempts that count toward max_attempts
  throttled        INTEGER NOT NULL DEFAULT 0 CHECK (throttled >= 0),    -- 429 answers (never counted as attempts)
  ambiguous        INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1)), -- some attempt may have created a request
  first_attempt_at INTEGER,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,            -- queued: not claimed before this time
  lease_until      INTEGER,                               -- submitting: the claim expires at this time
  last_error       TEXT,
  polls            INTEGER NOT NULL DEFAULT 0 CHECK (polls >= 0),
  next_poll_at     INTEGER,                               -- submitted: next reconciler poll
  submitted_at     INTEGER,
  settled_at       INTEGER,
  changed_by       TEXT NOT NULL DEFAULT 'producer',     -- who made the latest change (copied into transitions)
  change_reason    TEXT,
  created_at       INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
  updated_at       INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)),
  CONSTRAINT submitting_has_lease CHECK (state <> 'submitting' OR lease_until IS NOT NULL),
  CONSTRAINT submitted_has_remote_id CHECK (state NOT IN ('submitted', 'settled') OR remote_id IS NOT NULL)
);

-- Partial, so the many intents without a remote id yet cost no index entry on insert.
CREATE UNIQUE INDEX payment_intents_remote_id ON payment_intents (remote_id) WHERE remote_id IS NOT NULL;
CREATE INDEX payment_intents_claimable ON payment_intents (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX payment_intents_polls_due ON payment_intents (next_poll_at, id) WHERE state = 'submitted';
CREATE INDEX payment_intents_leases ON payment_intents (lease_until) WHERE state = 'submitting';
CREATE INDEX payment_intents_by_batch ON payment_intents (batch, id) WHERE batch IS NOT NULL;

-- Append-only history of every change of local state and of remote_status.
CREATE TABLE status_transitions (
  id          INTEGER PRIMARY KEY,
  intent_id   INTEGER NOT NULL REFERENCES payment_intents (id),
  field       TEXT NOT NULL CHECK (field IN ('state', 'remote_status')),
  old_value   TEXT,
  new_value   TEXT,
  at          INTEGER NOT NULL,
  observed_by TEXT NOT NULL,
  detail      TEXT
);
CREATE INDEX status_transitions_by_intent ON status_transitions (intent_id, id);

CREATE TRIGGER status_transitions_no_update BEFORE UPDATE ON status_transitions
BEGIN SELECT RAISE(ABORT, 'status_transitions is append-only: rows are never updated'); END;
CREATE TRIGGER status_transitions_no_delete BEFORE DELETE ON status_transitions
BEGIN SELECT RAISE(ABORT, 'status_transitions is append-only: rows are never deleted'); END;

-- One row per HTTP attempt; never holds a secret. Pruned by retention, unlike intents and transitions.
CREATE TABLE api_calls (
  id              INTEGER PRIMARY KEY,
  intent_id       INTEGER REFERENCES payment_intents (id),   -- NULL for token calls
  kind            TEXT NOT NULL CHECK (kind IN ('token', 'create', 'poll')),
  started_at      INTEGER NOT NULL,
  latency_ms      INTEGER NOT NULL CHECK (latency_ms >= 0),
  http_status     INTEGER CHECK (http_status IS NULL OR http_status BETWEEN 100 AND 599),
  transport_error TEXT CHECK (transport_error IS NULL OR transport_error IN ('not_sent', 'maybe_sent')),
  outcome         TEXT NOT NULL
                  CHECK (outcome IN ('success', 'retryable', 'rate_limited', 'ambiguous', 'permanent', 'unauthorized')),
  ambiguous       INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1)),
  error           TEXT
);
CREATE INDEX api_calls_by_time ON api_calls (started_at);
CREATE INDEX api_calls_by_intent ON api_calls (intent_id) WHERE intent_id IS NOT NULL;

-- Rules that need the currency table, with messages a plain-SQL producer can act on.
CREATE TRIGGER payment_intents_check_insert BEFORE INSERT ON payment_intents
BEGIN
  SELECT RAISE(ABORT, 'currency: not a known ISO 4217 code')
   WHERE NOT EXISTS (SELECT 1 FROM currencies WHERE code = NEW.currency);
  SELECT RAISE(ABORT, 'amount: more decimal places than the currency allows')
   WHERE instr(NEW.amount, '.') > 0
     AND length(NEW.amount) - instr(NEW.amount, '.') > (SELECT minor_digits FROM currencies WHERE code = NEW.currency);
  SELECT RAISE(ABORT, 'amount_minor: does not match amount in the currency''s minor units')
   WHERE NEW.amount_minor IS NOT NULL
     AND NEW.amount_minor <> CAST(replace(NEW.amount, '.', '') AS INTEGER) *
         (CASE (SELECT minor_digits FROM currencies WHERE code = NEW.currency)
               - (CASE instr(NEW.amount, '.') WHEN 0 THEN 0 ELSE length(NEW.amount) - instr(NEW.amount, '.') END)
            WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 WHEN 4 THEN 10000 END);
  SELECT RAISE(ABORT, 'state: a new intent starts as queued')
   WHERE NEW.state <> 'queued' OR NEW.remote_id IS NOT NULL;
END;

CREATE TRIGGER payment_intents_derive_amount_minor AFTER INSERT ON payment_intents WHEN NEW.amount_minor IS NULL
BEGIN
  UPDATE payment_intents
     SET amount_minor = CAST(replace(NEW.amount, '.', '') AS INTEGER) *
         (CASE (SELECT minor_digits FROM currencies WHERE code = NEW.currency)
               - (CASE instr(NEW.amount, '.') WHEN 0 THEN 0 ELSE length(NEW.amount) - instr(NEW.amount, '.') END)
            WHEN 0 THEN 1 WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 WHEN 4 THEN 10000 END)
   WHERE id = NEW.id;
END;

CREATE TRIGGER payment_intents_first_transition AFTER INSERT ON payment_intents
BEGIN
  INSERT INTO status_transitions (intent_id, field, old_value, new_value, at, observed_by, detail)
  VALUES (NEW.id, 'state', NULL, NEW.state, NEW.created_at, NEW.changed_by, NEW.change_reason);
END;

-- What the merchant asked for never changes after the fact, and intents are never deleted.
CREATE TRIGGER payment_intents_immutable BEFORE UPDATE OF reference_id, amount, currency, redirect_url, created_at
  ON payment_intents
  WHEN OLD.reference_id IS NOT NEW.reference_id OR OLD.amount IS NOT NEW.amount OR OLD.currency IS NOT NEW.currency
    OR OLD.redirect_url IS NOT NEW.redirect_url OR OLD.created_at IS NOT NEW.created_at
BEGIN SELECT RAISE(ABORT, 'payment_intents: reference_id, amount, currency, redirect_url and created_at never change'); END;
CREATE TRIGGER payment_intents_no_delete BEFORE DELETE ON payment_intents
BEGIN SELECT RAISE(ABORT, 'payment_intents: intents are never deleted (cancel them instead)'); END;

-- Every change of state or remote_status is recorded, whoever made it (daemon, operator, plain SQL).
CREATE TRIGGER payment_intents_state_transition AFTER UPDATE OF state ON payment_intents
  WHEN OLD.state IS NOT NEW.state
BEGIN
  INSERT INTO status_transitions (intent_id, field, old_value, new_value, at, observed_by, detail)
  VALUES (NEW.id, 'state', OLD.state, NEW.state,
          CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at
               ELSE CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) END,
          NEW.changed_by, NEW.change_reason);
END;
CREATE TRIGGER payment_intents_remote_status_transition AFTER UPDATE OF remote_status ON payment_intents
  WHEN OLD.remote_status IS NOT NEW.remote_status
BEGIN
  INSERT INTO status_transitions (intent_id, field, old_value, new_value, at, observed_by, detail)
  VALUES (NEW.id, 'remote_status', OLD.remote_status, NEW.remote_status,
          CASE WHEN NEW.updated_at > OLD.updated_at THEN NEW.updated_at
               ELSE CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) END,
          NEW.changed_by, NULL);
END;

-- Reporting. Amounts are summed in minor units and formatted back with the currency's digits.
CREATE VIEW v_intents AS
SELECT i.reference_id, i.state, i.amount, i.amount_minor, i.currency, i.redirect_url, i.batch,
       i.remote_id, i.remote_status, i.attempts, i.throttled, i.ambiguous, i.last_error, i.polls,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.created_at / 1000.0, 'unixepoch') AS created_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.updated_at / 1000.0, 'unixepoch') AS updated_at,
       strftime('%Y-%m-%dT%H:%M:%fZ', i.settled_at / 1000.0, 'unixepoch') AS settled_at
  FROM payment_intents i;

CREATE VIEW v_daily_totals AS
SELECT date(i.created_at / 1000, 'unixepoch') AS day, i.currency, i.state, i.remote_status,
       count(*) AS intents, sum(i.amount_minor) AS total_minor,
       CASE c.minor_digits WHEN 0 THEN CAST(sum(i.amount_minor) AS TEXT)
            ELSE printf('%d.%0' || c.minor_digits || 'd',
                        sum(i.amount_minor) / (CASE c.minor_digits WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END),
                        sum(i.amount_minor) % (CASE c.minor_digits WHEN 1 THEN 10 WHEN 2 THEN 100 WHEN 3 THEN 1000 ELSE 10000 END))
       END AS total
  FROM payment_intents i JOIN currencies c ON c.code = i.currency
 GROUP BY day, i.currency, i.state, i.remote_status;
