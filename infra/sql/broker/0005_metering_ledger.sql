-- Metering ledger. Usage is kept as allocation intervals per resource, derived from the resource journal
-- (broker.resource_events, the outbox). An interval is opened and closed by journal events and carries everything
-- rating needs, so a statement never has to look back at the grain. Applying an event twice changes nothing: the
-- ledger keeps, per resource, the last journal sequence it applied, in the same transaction as the interval rows.
create table broker.usage_intervals (
    resource_id  text        not null,
    opened_seq   bigint      not null check (opened_seq > 0),
    closed_seq   bigint      check (closed_seq is null or closed_seq > opened_seq),
    department   text        not null,
    system_id    text        not null,
    kind         text        not null check (kind in ('vm', 'database')),
    plan_code    text        not null,
    plan_version integer     not null,
    sla_tier     text        not null,
    -- false while a VM is stopped: rating charges storage but not compute (per-dimension policy in the rate card).
    running      boolean     not null,
    vcpu         integer     not null check (vcpu >= 0),
    memory_gib   integer     not null check (memory_gib >= 0),
    storage_gib  integer     not null check (storage_gib >= 0),
    instances    integer     not null default 1 check (instances >= 1),
    vector       jsonb       not null,
    started_at   timestamptz not null,
    ended_at     timestamptz,
    -- When the row was last written (clock_timestamp, taken under the ledger writer lock): rows written after a month
    -- was closed are the late usage that becomes adjustments in the next open month.
    written_at   timestamptz not null default clock_timestamp(),
    primary key (resource_id, opened_seq),
    check (ended_at is null or ended_at >= started_at),
    check ((ended_at is null) = (closed_seq is null))
);
-- A statement reads one department's intervals overlapping one month.
create index usage_intervals_department_idx on broker.usage_intervals (department, started_at);
-- At most one open interval per resource.
create unique index usage_intervals_one_open_idx on broker.usage_intervals (resource_id) where ended_at is null;

-- Per resource, the highest journal sequence the ledger has applied; an event at or below it is a replay.
create table broker.ledger_cursor (
    resource_id text        primary key,
    last_seq    bigint      not null check (last_seq > 0),
    updated_at  timestamptz not null default now(),
    -- The ledger's fold of the resource so far (allocation asked for, allocation in effect), so the next event can be
    -- applied without re-reading the journal; written with last_seq in the same statement.
    state       jsonb
);

-- Usage the broker does not provision (uplinks, backup storage, licences), imported from CSV or JSON files.
-- source_id is the sender's id for the record: importing the same record twice keeps one.
create table broker.imported_usage (
    source_id   text          primary key,
    import_id   text          not null,
    line        integer       not null check (line > 0),
    department  text          not null,
    system_id   text          not null,
    meter       text          not null,
    quantity    numeric(20,6) not null check (quantity >= 0),
    unit        text          not null,
    period      date          not null check (extract(day from period) = 1),
    imported_at timestamptz   not null default now()
);
create index imported_usage_department_idx on broker.imported_usage (department, period);
