-- 0006_due_order.sql — a new intent is due from the moment it was stored, not from the epoch: claims take the
-- oldest due intent first (next_attempt_at, id), so an intent retried after a 429 or a pause must not wait behind
-- every intent stored after it (a 400,000-row import would starve it for hours). payq's own writers set
-- next_attempt_at to created_at; this covers a plain-SQL producer that leaves it at its default.
CREATE TRIGGER payment_intents_due_from_creation AFTER INSERT ON payment_intents WHEN NEW.next_attempt_at = 0
BEGIN
  UPDATE payment_intents SET next_attempt_at = NEW.created_at WHERE id = NEW.id;
END;

-- Intents stored before this migration and never tried: due from their creation too.
UPDATE payment_intents SET next_attempt_at = created_at WHERE state = 'queued' AND next_attempt_at = 0;
