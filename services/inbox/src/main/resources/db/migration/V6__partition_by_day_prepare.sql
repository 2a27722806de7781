-- Issue 14, retention: the message table becomes partitioned by `day` (monthly
-- partitions that retention drops whole — no DELETE competing with the ingest
-- or the badge). `day` is part of every idempotency key
-- (`{promotionId}/{day}/{recipientId}`), so uniqueness of (key, day) is
-- uniqueness of the key, and a partitioned table's unique constraints must
-- hold the partition key.
--
-- The live table becomes the first partition ("legacy", every day before the
-- bound) without a rewrite. This migration prepares it without blocking writes
-- (outside a transaction: each statement commits alone):
--   1. the constraints the partitioned table will have, as unique indexes built
--      CONCURRENTLY: (recipient_id, id, day) and (idempotency_key, day);
--   2. a CHECK that every row's day is before the bound, added NOT VALID (a
--      moment's lock) and validated while writes go on, so ATTACH PARTITION
--      needs no scan under its lock.
-- V7 swaps the tables in one short transaction.

DROP INDEX CONCURRENTLY IF EXISTS message_recipient_id_day;
CREATE UNIQUE INDEX CONCURRENTLY message_recipient_id_day ON message (recipient_id, id, day);

DROP INDEX CONCURRENTLY IF EXISTS message_key_day;
CREATE UNIQUE INDEX CONCURRENTLY message_key_day ON message (idempotency_key, day);

-- The bound: the first day of the month after next, or later if a stored day
-- is later (a read of the table; writes go on). Batches are for days up to
-- tomorrow, so no row written before V7 runs can reach it. A failed attempt
-- computes it again; the one validated here is kept for V7.
CREATE TABLE IF NOT EXISTS message_partitioning (legacy_until date NOT NULL);

DO $$
DECLARE
    bound date := greatest((date_trunc('month', now()) + interval '2 months')::date,
                           (SELECT (date_trunc('month', max(day)) + interval '1 month')::date FROM message));
BEGIN
    DELETE FROM message_partitioning;
    INSERT INTO message_partitioning VALUES (bound);
    SET LOCAL lock_timeout = '3s';
    ALTER TABLE message DROP CONSTRAINT IF EXISTS message_legacy_days;
    EXECUTE format('ALTER TABLE message ADD CONSTRAINT message_legacy_days CHECK (day < %L) NOT VALID', bound);
END $$;

ALTER TABLE message VALIDATE CONSTRAINT message_legacy_days;
