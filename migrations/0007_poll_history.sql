-- 0007_poll_history.sql — what the adaptive poll policy learns from: when each payment request was last found
-- pending (the change happened between that poll and the one that saw it settled), found cheaply by creation time;
-- and the policy the running daemon uses, for `payq status`.
ALTER TABLE payment_intents ADD COLUMN pending_seen_at INTEGER;  -- UTC ms; NULL: not polled pending yet
CREATE INDEX payment_intents_by_submitted ON payment_intents (submitted_at) WHERE submitted_at IS NOT NULL;
ALTER TABLE daemon_heartbeat ADD COLUMN poll_policy TEXT;        -- adaptive or backoff; NULL before 0007
