-- The badge counts threads (promotions with news), so its index carries the
-- promotion and the arrival time (withdrawn = arrived before the last
-- unpublish) and whether it is an admin's test (never withdrawn): the count stays
-- an index-only scan of the person's unread rows.
-- Built CONCURRENTLY (writes go on meanwhile), hence its own migration outside
-- a transaction (V5__thread_unread_index.sql.conf).
-- A failed attempt leaves an invalid index behind: removed first, so a retry builds it whole.
DROP INDEX CONCURRENTLY IF EXISTS message_unread_thread;

CREATE INDEX CONCURRENTLY message_unread_thread
    ON message (recipient_id, promotion_id) INCLUDE (expires_at, created_at, test)
    WHERE read_at IS NULL AND archived_at IS NULL;

DROP INDEX CONCURRENTLY IF EXISTS message_unread;
