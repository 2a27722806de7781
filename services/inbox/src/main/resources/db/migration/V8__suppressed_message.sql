-- Issue 15, results: the messages nobody got because their reader muted the
-- promotion, paused promotion messages or was erased (MessageDelivery's
-- SUPPRESS). One row per idempotency key, so a retried batch records nothing
-- twice; the admin's results count them per promotion day. Few rows (only
-- readers who chose so), removed with their month by retention.
SET lock_timeout = '3s';

CREATE TABLE IF NOT EXISTS suppressed_message (
    idempotency_key text COLLATE "C" PRIMARY KEY,
    promotion_id    text NOT NULL,
    day             date NOT NULL
);

CREATE INDEX IF NOT EXISTS suppressed_message_promotion_day ON suppressed_message (promotion_id, day);
