-- The daily fan-out inserts ~100,000 rows in a few seconds; two per-row costs
-- of V1 that bought nothing on the hot paths go (measured in
-- services/inbox/bench: same 100k-row insert into 500k stored rows, 1000-row
-- statements, ~2.7 s -> ~1.8 s median):
--
-- 1. The ids are opaque ASCII (Keycloak user ids, `{promotionId}/{day}/{userId}`):
--    byte order is the right order, so their indexes compare with memcmp
--    (COLLATE "C") instead of the database's linguistic collation (strcoll).
-- 2. No foreign key from message to product_set: it ran a trigger and a lookup
--    per inserted row. The batch writes its product_set row first, in the same
--    transaction, and product sets are never deleted.

ALTER TABLE message DROP CONSTRAINT message_product_set_id_fkey;

ALTER TABLE message
    ALTER COLUMN recipient_id TYPE text COLLATE "C",
    ALTER COLUMN idempotency_key TYPE text COLLATE "C";
