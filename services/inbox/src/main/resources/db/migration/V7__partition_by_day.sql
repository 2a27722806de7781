-- Issue 14, retention, step 2 of 2 (V6 prepared it): in one transaction that
-- holds the table's lock for milliseconds — renames, constraint swaps using the
-- indexes V6 built, an empty partitioned table, and ATTACH PARTITION of the
-- live table as its first partition (its validated CHECK spares the scan).
-- Nothing is rewritten or scanned. The lock_timeout makes it fail (and run
-- again at the next start) rather than queue every query behind it.
SET lock_timeout = '3s';

LOCK TABLE message IN ACCESS EXCLUSIVE MODE;

ALTER TABLE message RENAME TO message_legacy;
ALTER INDEX message_unread_thread RENAME TO message_legacy_unread_thread;
ALTER TABLE message_legacy
    DROP CONSTRAINT message_pkey,
    DROP CONSTRAINT message_idempotency_key;
ALTER TABLE message_legacy
    ADD CONSTRAINT message_legacy_pkey PRIMARY KEY USING INDEX message_recipient_id_day,
    ADD CONSTRAINT message_legacy_idempotency_key UNIQUE USING INDEX message_key_day;

-- The same columns in the same order as the legacy table (V1–V4).
CREATE TABLE message (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    recipient_id    text COLLATE "C" NOT NULL,
    idempotency_key text COLLATE "C" NOT NULL,
    promotion_id    text        NOT NULL,
    day             date        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    product_set_id  bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    read_at         timestamptz,
    archived_at     timestamptz,
    day_number      integer,
    day_count       integer,
    test            boolean     NOT NULL DEFAULT false,
    -- one user's inbox and lookups by (user, id): the day rides along
    PRIMARY KEY (recipient_id, id, day),
    -- the idempotency key holds its day: unique with it is unique
    CONSTRAINT message_idempotency_key UNIQUE (idempotency_key, day)
) PARTITION BY RANGE (day);

CREATE INDEX message_unread_thread ON message (recipient_id, promotion_id) INCLUDE (expires_at, created_at, test)
    WHERE read_at IS NULL AND archived_at IS NULL;

DO $$
DECLARE
    bound date;
    legacy_sequence text := pg_get_serial_sequence('message_legacy', 'id');
    last bigint;
BEGIN
    SELECT legacy_until INTO bound FROM message_partitioning;
    EXECUTE format('ALTER TABLE message ATTACH PARTITION message_legacy FOR VALUES FROM (MINVALUE) TO (%L)', bound);
    -- ids go on where the legacy table's identity stopped (ids are the inbox's cursor)
    EXECUTE format('SELECT last_value FROM %s', legacy_sequence) INTO last;
    PERFORM setval(pg_get_serial_sequence('message', 'id'), last);
    -- the first month after the legacy partition; later ones are made ahead by the service (retention/Partitions)
    EXECUTE format('CREATE TABLE %I PARTITION OF message FOR VALUES FROM (%L) TO (%L) '
                   'WITH (autovacuum_vacuum_insert_scale_factor = 0.05)',
                   'message_' || to_char(bound, 'YYYY_MM'), bound, (bound + interval '1 month')::date);
END $$;

ALTER TABLE message_legacy ALTER COLUMN id DROP IDENTITY;
ALTER TABLE message_legacy DROP CONSTRAINT message_legacy_days;
DROP TABLE message_partitioning;
