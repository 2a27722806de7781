-- Issue 14: messages follow their promotion, one thread per promotion, the
-- reader's preferences, erasure. Nothing here rewrites a message row: the
-- tables are new or tiny, the message column is a catalog-only change.
--
-- promotion_state: the promotion as the event calendar last published it
-- (PUT /api/internal/inbox/promotions/{id}). A message's effective expiry is
-- the state's ends_at (a moved end moves every delivered message's expiry);
-- a message created up to withdrawn_at (the last unpublish) is withdrawn and
-- stays so if the promotion is published again. One row per promotion, so an
-- unpublish of a promotion with 1,000,000 delivered messages is one row write.
SET lock_timeout = '3s';

CREATE TABLE promotion_state (
    promotion_id     text        PRIMARY KEY,   -- same collation as message.promotion_id: they are joined
    version          bigint      NOT NULL,      -- the calendar's version; an older one is ignored
    status           text        NOT NULL,
    ends_at          timestamptz NOT NULL,
    withdrawn_at     timestamptz,
    withdrawn_reason text,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- "Stop messages about this promotion" and the switch for all promotion
-- messages; enforced when a batch is stored (reported as suppressed).
CREATE TABLE muted_promotion (
    recipient_id text COLLATE "C" NOT NULL,
    promotion_id text             NOT NULL,
    muted_at     timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (recipient_id, promotion_id)
);

CREATE TABLE preference (
    recipient_id       text COLLATE "C" PRIMARY KEY,
    promotion_messages boolean     NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Customers whose messages were erased (DELETE /api/internal/inbox/recipients/{id}):
-- a job already running stores nothing more for them. Keycloak ids are never reused.
CREATE TABLE erased_recipient (
    recipient_id text COLLATE "C" PRIMARY KEY,
    erased_at    timestamptz NOT NULL DEFAULT now()
);

-- An admin's "Send me a test" (contracts.md): stored under its own key space, never counted in results.
ALTER TABLE message ADD COLUMN test boolean NOT NULL DEFAULT false;

-- the next migration runs on this session outside a transaction: no lock timeout there
RESET lock_timeout;
