-- The inbox: one row per delivered message, the day's products stored once.
--
-- Hot path 1, the unread badge: count(*) of one user's unread, unarchived,
-- unexpired messages. Served by the partial index message_unread, which holds
-- only rows still unread and not archived, so it shrinks as people read; expiry
-- is a range condition on expires_at in that index, so a message stops counting
-- the moment it expires without any row being rewritten.
--
-- Hot path 2, the daily fan-out: ~100,000 rows a day inserted in batches of
-- <= 1000 with one INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING
-- per batch. Products (up to 50 per promotion, identical for every recipient)
-- are stored once per distinct product list (product_set, content-addressed by
-- SHA-256), not once per message; a message row is ~ subject + body + 100 bytes.

CREATE TABLE product_set (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    digest   bytea NOT NULL UNIQUE,      -- SHA-256 of the canonical products JSON
    products json  NOT NULL   -- json, not jsonb: served verbatim, in the canonical order it was digested in
);

CREATE TABLE message (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    recipient_id    text        NOT NULL,  -- Keycloak user id (sub)
    idempotency_key text        NOT NULL,
    promotion_id    text        NOT NULL,
    day             date        NOT NULL,
    subject         text        NOT NULL,
    body            text        NOT NULL,
    product_set_id  bigint      NOT NULL REFERENCES product_set (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    read_at         timestamptz,
    archived_at     timestamptz,
    -- one user's inbox, newest first (id order = arrival order), and lookups by (user, id)
    PRIMARY KEY (recipient_id, id),
    CONSTRAINT message_idempotency_key UNIQUE (idempotency_key)
);

CREATE INDEX message_unread ON message (recipient_id, expires_at)
    WHERE read_at IS NULL AND archived_at IS NULL;

-- the fan-out keeps this table insert-mostly; keep the visibility map fresh so the
-- unread count stays an index-only scan
ALTER TABLE message SET (autovacuum_vacuum_insert_scale_factor = 0.05);
