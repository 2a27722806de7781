-- What each audit entry changed (issue 15): [{field, from, to}], computed by
-- PromotionService from the versions before and after. Entries recorded before
-- this migration keep null (unknown), a creation has [].
alter table promotion_audit add column changes jsonb;

-- Search by title (case-insensitive substring) needs trigrams; pg_trgm is a
-- trusted extension, so the database owner may create it.
create extension if not exists pg_trgm;
