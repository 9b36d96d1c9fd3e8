-- 0010_daemon_standbys.sql — the daemons waiting to lead a database several of them share (PostgreSQL: one leads,
-- the others stand by), one row each, rewritten while they wait, so `payq status` can list them. On SQLite one
-- daemon runs per file and the table stays empty; it exists so both stores have the same tables.
CREATE TABLE daemon_standbys (
  host    TEXT NOT NULL,
  pid     INTEGER NOT NULL,
  since   INTEGER NOT NULL,   -- UTC ms it began to wait
  beat_at INTEGER NOT NULL,   -- UTC ms it last said it waits
  PRIMARY KEY (host, pid)
);
