-- Issue 15, results: the job's report of each shard of a promotion day
-- (POST /api/internal/promotions/{id}/deliveries). One row per (promotion, day,
-- shard): a re-run of the shard replaces it. No foreign key: a deleted draft
-- never had reports, and a report must not fail because of a race with a delete.
create table delivery_report (
    promotion_id uuid        not null,
    day          date        not null,
    shard        integer     not null check (shard >= 0),
    shards       integer     not null check (shards >= 1 and shard < shards),
    outcome      text        not null check (outcome in ('delivered', 'skipped', 'failed')),
    reason       text,
    recipients   integer     not null check (recipients >= 0),
    inserted     integer     not null check (inserted >= 0),
    duplicates   integer     not null check (duplicates >= 0),
    refused      integer     not null check (refused >= 0),
    suppressed   integer     not null check (suppressed >= 0),
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    reported_at  timestamptz not null,
    primary key (promotion_id, day, shard)
);
