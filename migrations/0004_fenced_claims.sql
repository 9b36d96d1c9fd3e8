-- 0004_fenced_claims.sql — who owns a claim, and where a payment request goes when its owner lost it.
-- Every `payq run` start takes a new epoch; a claim names its epoch and a per-process claim number, and every
-- outcome write is conditional on both, so a worker that lost its claim can never overwrite a newer one.

-- One row per daemon start. The epoch is the row id: strictly increasing, never reused.
CREATE TABLE daemon_epochs (
  epoch      INTEGER PRIMARY KEY AUTOINCREMENT,
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  started_at INTEGER NOT NULL   -- UTC ms
);

-- The owner of a `submitting` intent: set by the claim, cleared when the intent leaves `submitting`.
-- Claims made before this migration have no owner and are recovered like any earlier epoch's.
ALTER TABLE payment_intents ADD COLUMN claim_epoch INTEGER;
ALTER TABLE payment_intents ADD COLUMN claim_seq INTEGER;
-- Consecutive polls answered 404: a remote id the partner does not know goes on hold after a few.
ALTER TABLE payment_intents ADD COLUMN not_found_polls INTEGER NOT NULL DEFAULT 0 CHECK (not_found_polls >= 0);

-- A payment request the partner created for an intent that could not take it (its claim was lost, or it
-- already holds another remote id): kept for ever, never pruned, so a person can cancel or reconcile it.
CREATE TABLE orphan_candidates (
  id            INTEGER PRIMARY KEY,
  intent_id     INTEGER NOT NULL REFERENCES payment_intents (id),
  remote_id     TEXT NOT NULL,
  remote_status TEXT,
  payload       TEXT,
  seen_at       INTEGER NOT NULL,   -- UTC ms
  reason        TEXT NOT NULL,
  UNIQUE (intent_id, remote_id)
);
CREATE TRIGGER orphan_candidates_no_update BEFORE UPDATE ON orphan_candidates
BEGIN SELECT RAISE(ABORT, 'orphan_candidates is append-only: rows are never updated'); END;
CREATE TRIGGER orphan_candidates_no_delete BEFORE DELETE ON orphan_candidates
BEGIN SELECT RAISE(ABORT, 'orphan_candidates is append-only: rows are never deleted'); END;

CREATE VIEW v_orphan_candidates AS
SELECT i.reference_id, o.remote_id, o.remote_status, i.state, i.remote_id AS intent_remote_id, o.reason,
       strftime('%Y-%m-%dT%H:%M:%fZ', o.seen_at / 1000.0, 'unixepoch') AS seen_at
  FROM orphan_candidates o JOIN payment_intents i ON i.id = o.intent_id;

-- What the daemon knows is wrong right now (database, partner, credentials), for `payq status`; NULL when
-- healthy. The host tells a daemon on another machine from a dead one on this machine.
ALTER TABLE daemon_heartbeat ADD COLUMN host TEXT NOT NULL DEFAULT '';
ALTER TABLE daemon_heartbeat ADD COLUMN epoch INTEGER;
ALTER TABLE daemon_heartbeat ADD COLUMN problem TEXT;
