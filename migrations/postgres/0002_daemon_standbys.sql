-- postgres/0002_daemon_standbys.sql — SQLite's 0010: the daemons waiting to lead this database (one leads, holding
-- the leader advisory lock; the others stand by), one row each, rewritten while they wait, for `payq status`.
CREATE TABLE daemon_standbys (
  host    TEXT NOT NULL,
  pid     BIGINT NOT NULL,
  since   BIGINT NOT NULL,   -- UTC ms it began to wait
  beat_at BIGINT NOT NULL,   -- UTC ms it last said it waits
  PRIMARY KEY (host, pid)
);
