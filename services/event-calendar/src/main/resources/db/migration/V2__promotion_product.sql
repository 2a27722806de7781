-- The skus of each promotion, so overlap warnings are found through an index
-- (same sku, then the interval) instead of a self-join of every promotion.
-- Written beside the document by PromotionRepository; filled here for the
-- promotions stored before.
create table promotion_product (
    promotion_id uuid not null references promotion (id) on delete cascade,
    sku          text not null,
    primary key (promotion_id, sku)
);
create index promotion_product_by_sku on promotion_product (sku, promotion_id);

insert into promotion_product (promotion_id, sku)
select distinct p.id, product->>'sku'
from promotion p, jsonb_array_elements(p.document->'package'->'products') product
where product->>'sku' is not null;
