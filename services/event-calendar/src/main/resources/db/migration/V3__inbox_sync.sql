-- The inbox follows published promotions (issue 14): each change carries what
-- the inbox needs — the version, the resolved end and, for an unpublish, the
-- admin's reason — and the relay keeps its own cursor in the change feed, so
-- the feed is the transactional outbox for the inbox as it is for the scheduler.
alter table promotion_change
    add column version bigint,
    add column ends_at timestamptz,
    add column withdrawn_reason text;

-- changes recorded before this migration: each promotion's latest change gets
-- the promotion's current facts (it is the current state: drafts append
-- nothing); earlier ones and a deleted promotion's stay without and are not relayed
update promotion_change c
   set version = p.version, ends_at = p.ends_at
  from promotion p
 where p.id = c.promotion_id
   and c.cursor = (select max(cursor) from promotion_change l where l.promotion_id = c.promotion_id);

create table outbox_relay (
    name   text   primary key,
    cursor bigint not null
);
insert into outbox_relay (name, cursor) values ('inbox', 0);
