-- 0008_submission_pause.sql — an operator's pause of new submissions (polls go on), kept in the database so it
-- survives restarts and every process sees it; every pause and resume is an append-only audit row. And a clean
-- stop in the heartbeat, so `payq status` tells a daemon that stopped from one that vanished.

-- The pause in force: one row while submissions are paused, none otherwise.
CREATE TABLE submission_pause (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  paused_at INTEGER NOT NULL,                                  -- UTC ms
  paused_by TEXT NOT NULL CHECK (length(paused_by) > 0),
  reason    TEXT NOT NULL DEFAULT ''
);

-- Who paused or resumed, when and why: never updated, never deleted.
CREATE TABLE pause_events (
  id     INTEGER PRIMARY KEY,
  action TEXT NOT NULL CHECK (action IN ('pause', 'resume')),
  at     INTEGER NOT NULL,                                     -- UTC ms
  actor  TEXT NOT NULL CHECK (length(actor) > 0),
  reason TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER pause_events_no_update BEFORE UPDATE ON pause_events
BEGIN SELECT RAISE(ABORT, 'pause_events is append-only: rows are never updated'); END;
CREATE TRIGGER pause_events_no_delete BEFORE DELETE ON pause_events
BEGIN SELECT RAISE(ABORT, 'pause_events is append-only: rows are never deleted'); END;

-- UTC ms of a clean stop (SIGTERM, --until-idle done); NULL while the daemon runs or when it vanished. Every
-- heartbeat rewrites the row, which clears it.
ALTER TABLE daemon_heartbeat ADD COLUMN stopped_at INTEGER;
