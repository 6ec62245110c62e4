-- Rating and statements: effective-dated rate cards, per-system O&M profiles, imports, closed months with their frozen
-- statements, and finance's explanations of integrity findings.

-- The relay looks at recently recorded events first (a sweep over everything runs at start).
create index resource_events_recorded_idx on broker.resource_events (recorded_at);
-- A month's intervals for every department in one streamed read.
create index usage_intervals_period_idx on broker.usage_intervals (started_at, ended_at);

-- A rate card version is never edited: a change is a new version from a date on. The card in force at an instant is
-- the highest version whose [effective_from, effective_to) holds it (dates are Asia/Shanghai calendar days).
create table broker.rate_cards (
    version        integer     primary key check (version > 0),
    effective_from date        not null,
    effective_to   date        check (effective_to is null or effective_to > effective_from),
    currency       text        not null check (currency = 'CNY'),
    prices         jsonb       not null,
    -- Required when effective_from was already in the past (Asia/Shanghai) when the version was created.
    backdating_reason text,
    created_by     text        not null,
    created_at     timestamptz not null
);

-- How a system's O&M composite rate is adjusted from its tier's base rate; a system without a row is "normal" everywhere.
create table broker.om_profiles (
    department        text        not null,
    system_id         text        not null,
    importance        text        not null,
    service_hours     text        not null,
    data_scale        text        not null,
    transaction_scale text        not null,
    updated_by        text        not null,
    updated_at        timestamptz not null,
    primary key (department, system_id)
);

-- One row per accepted or rejected usage file: what finance sees after an upload.
create table broker.usage_imports (
    id          text        primary key,
    format      text        not null check (format in ('csv', 'json')),
    accepted    boolean     not null,
    rows        integer     not null,
    inserted    integer     not null,
    duplicates  integer     not null,
    errors      jsonb       not null,
    imported_by text        not null,
    imported_at timestamptz not null
);

-- A closed month. watermark is the database clock when the close took the ledger writer lock: intervals or imports
-- written after it are late usage for this month and become adjustments in the next open month.
create table broker.month_closes (
    period     text        primary key check (period ~ '^[0-9]{4}-[0-9]{2}$'),
    closed_at  timestamptz not null,
    closed_by  text        not null,
    watermark  timestamptz not null
);

create table broker.statement_snapshots (
    period       text not null references broker.month_closes (period),
    department   text not null,
    content      text not null,
    content_hash text not null,
    primary key (period, department)
);

-- Finance's explanation of an integrity finding; closing is refused while a finding has none.
create table broker.integrity_explanations (
    period       text        not null,
    kind         text        not null,
    resource_id  text        not null,
    explanation  text        not null,
    explained_by text        not null,
    explained_at timestamptz not null,
    primary key (period, kind, resource_id)
);
