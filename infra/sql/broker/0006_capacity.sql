-- Capacity pools (supply side). The capacity grain holds the truth in memory and writes every decision here before
-- it answers, so holds survive a restart; on activation it squares them against broker.resources.
-- One row per resource placed in a pool: reserved while the resource is not yet built, allocated once it exists.
create table broker.capacity_holds (
    resource_id text        primary key,
    pool        text        not null,
    department  text        not null,
    order_id    text        not null,
    vector      jsonb       not null,
    allocated   boolean     not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index capacity_holds_pool_idx on broker.capacity_holds (pool);

-- Orders that fitted their department's quota but no pool, waiting (Broker:Capacity:WhenFull = queue); admitted
-- oldest first as capacity frees.
create table broker.capacity_queue (
    order_key    text        primary key,
    department   text        not null,
    order_id     text        not null,
    zone         text        not null,
    backend      text        not null,
    per_unit     jsonb       not null,
    resource_ids jsonb       not null,
    queued_at    timestamptz not null
);
create index capacity_queue_age_idx on broker.capacity_queue (queued_at, order_key);

-- Daily allocation per pool and dimension (Asia/Shanghai days), the history the run-out forecast is fitted to.
-- Written with every change of the pool, so the last row of a day is that day's closing figure.
create table broker.capacity_daily (
    pool      text   not null,
    dimension text   not null,
    day       date   not null,
    allocated bigint not null,
    reserved  bigint not null,
    primary key (pool, dimension, day)
);
