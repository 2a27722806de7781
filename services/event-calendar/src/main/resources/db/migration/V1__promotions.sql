-- Promotions: the promotion JSON as stored (document), plus columns for queries and rules.
create table promotion (
    id          uuid        primary key,
    version     bigint      not null,
    status      text        not null check (status in ('DRAFT', 'PUBLISHED', 'UNPUBLISHED')),
    document    jsonb       not null,
    starts_at   timestamptz not null, -- resolved by the engine from startsAt + timeZone
    ends_at     timestamptz not null, -- exclusive
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    check (starts_at < ends_at)
);
create index promotion_interval on promotion (starts_at, ends_at);

-- Who did what and when; kept after a promotion is deleted.
create table promotion_audit (
    id           bigserial   primary key,
    promotion_id uuid        not null,
    version      bigint      not null,
    action       text        not null,
    actor        text        not null,
    at           timestamptz not null
);
create index promotion_audit_by_promotion on promotion_audit (promotion_id, id);

-- The change feed (transactional outbox). Appends are serialised by an advisory
-- lock, so cursors become visible in increasing order (see PromotionChangeFeed).
create table promotion_change (
    cursor       bigserial   primary key,
    promotion_id uuid        not null,
    kind         text        not null check (kind in ('PUBLISHED', 'UPDATED', 'UNPUBLISHED')),
    promotion    jsonb       not null,
    recorded_at  timestamptz not null default now()
);
