-- 0003_daemon_heartbeat.sql — the running daemon's self-report, one row rewritten every few seconds: what
-- `payq status` shows about a process it cannot ask (its pid, when it last proved progress, its current rate).
CREATE TABLE daemon_heartbeat (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  version    TEXT NOT NULL,
  started_at INTEGER NOT NULL,  -- UTC ms
  beat_at    INTEGER NOT NULL,  -- UTC ms of the latest maintenance pass that reached the database
  rate       REAL NOT NULL,     -- requests per second the limiter allows now (lower after 429s)
  margin_us  INTEGER NOT NULL   -- the limiter's current safety margin
);
