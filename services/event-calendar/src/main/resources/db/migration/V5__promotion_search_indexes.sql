-- /api/promotions/search (issue 15): a title substring through a trigram index,
-- a SKU through promotion_product_by_sku (V2), newest start first through
-- promotion_newest_first (the keyset order: starts_at desc, id desc).
-- Built CONCURRENTLY (writes go on meanwhile), hence a migration of its own
-- outside a transaction (V5__promotion_search_indexes.sql.conf).
-- A failed attempt leaves an invalid index behind: removed first, so a retry builds it whole.
DROP INDEX CONCURRENTLY IF EXISTS promotion_title_trigram;
CREATE INDEX CONCURRENTLY promotion_title_trigram
    ON promotion USING gin (lower(document->>'title') gin_trgm_ops);

DROP INDEX CONCURRENTLY IF EXISTS promotion_newest_first;
CREATE INDEX CONCURRENTLY promotion_newest_first ON promotion (starts_at desc, id desc);
