-- Batch v2 (contracts.md) carries the day's number among the promotion's days,
-- so a reader's UI can write "day 3 of 5" in its own language.
--
-- Online on a table of millions of rows: adding a nullable column without a
-- default changes only the catalog (no rewrite, no scan), so the ACCESS
-- EXCLUSIVE lock is held for milliseconds. The lock_timeout keeps the
-- migration from queueing behind a long query while every later query queues
-- behind it: it fails instead, and the next start tries again. Rows stored
-- before keep NULL (messages of the previous batch shape).
SET lock_timeout = '3s';

ALTER TABLE message
    ADD COLUMN day_number integer,
    ADD COLUMN day_count integer;
