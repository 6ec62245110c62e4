-- The service catalog: SLA tiers, plans (one row per plan code, holding the status that applies to every version)
-- and plan versions. Resources keep the version they were ordered with, so a version, once written, never changes:
-- a change to a plan is a new version, and a trigger refuses edits and deletions.

create table broker.catalog_sla_tiers (
    code              text        primary key check (code ~ '^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$'),
    name_zh           text        not null check (length(name_zh) between 1 and 200),
    name_en           text        not null check (length(name_en) between 1 and 200),
    -- Plain numeric keeps the scale that was written, so 99.95 comes back as 99.95, not 99.950.
    availability_pct  numeric     not null check (availability_pct > 0 and availability_pct < 100 and scale(availability_pct) <= 3),
    service_hours     text        not null check (service_hours in ('5x8', '7x24')),
    rpo_minutes       integer     not null check (rpo_minutes >= 0),
    rto_minutes       integer     not null check (rto_minutes >= 0),
    price_multiplier  numeric     not null check (price_multiplier > 0 and price_multiplier <= 100 and scale(price_multiplier) <= 4),
    -- Listing order (bronze, silver, gold); independent of the multipliers, which admins may change.
    rank              integer     not null unique,
    updated_at        timestamptz not null
);

insert into broker.catalog_sla_tiers (code, name_zh, name_en, availability_pct, service_hours, rpo_minutes, rto_minutes, price_multiplier, rank, updated_at)
values
    ('bronze', '铜牌', 'Bronze', 99.5, '5x8', 1440, 480, 1.0, 1, now()),
    ('silver', '银牌', 'Silver', 99.9, '7x24', 60, 120, 1.2, 2, now()),
    ('gold', '金牌', 'Gold', 99.95, '7x24', 5, 30, 1.5, 3, now());

create table broker.catalog_plans (
    code           text        primary key check (code ~ '^[a-z]([a-z0-9-]{0,46}[a-z0-9])?$'),
    kind           text        not null check (kind in ('vm', 'database')),
    status         text        not null check (status in ('active', 'deprecated', 'retired')),
    latest_version integer     not null check (latest_version >= 1),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create index catalog_plans_kind_idx on broker.catalog_plans (kind, code);

create table broker.catalog_plan_versions (
    code       text        not null references broker.catalog_plans (code),
    version    integer     not null check (version >= 1),
    name_zh    text        not null check (length(name_zh) between 1 and 200),
    name_en    text        not null check (length(name_en) between 1 and 200),
    sla_tiers  text[]      not null check (cardinality(sla_tiers) >= 1),
    -- The quota one unit consumes, {"vcpu": 2, ...}, and the kind's spec (VmSpec or DatabaseSpec), both as written by the broker.
    per_unit   jsonb       not null check (jsonb_typeof(per_unit) = 'object'),
    spec       jsonb       not null check (jsonb_typeof(spec) = 'object'),
    created_at timestamptz not null,
    created_by text        not null,
    primary key (code, version)
);

-- The plan row names its latest version, which must exist by the end of the transaction that wrote both.
alter table broker.catalog_plans add constraint catalog_plans_latest_version_fk
    foreign key (code, latest_version) references broker.catalog_plan_versions (code, version)
    deferrable initially deferred;

create function broker.catalog_plan_versions_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'broker.catalog_plan_versions is immutable (% refused); add a version instead', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger catalog_plan_versions_immutable before update or delete on broker.catalog_plan_versions
    for each row execute function broker.catalog_plan_versions_reject_change();
