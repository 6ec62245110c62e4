-- Measured availability (issue 16, docs/sla.md). What the broker itself saw of a live resource beyond its lifecycle
-- journal: the availability probe's verdicts, one row per change of state only (an unchanged "up" every minute writes
-- nothing), so the table grows with outages, not with time. A resource without rows was up whenever its journal says
-- it was ready; the journal (resource_events) stays the truth for its life, stops and failures.
create table broker.resource_availability (
    resource_id text        not null,
    at          timestamptz not null,
    state       text        not null check (state in ('up', 'down')),
    detail      text,
    primary key (resource_id, at)
);
-- The attainment of a month reads every change inside it and the last one before it, per resource.
create index resource_availability_at_idx on broker.resource_availability (at);

-- Incidents recorded by platform operators: what was affected (resources, pools, whole backends, or, with all three
-- empty, the whole platform), from when to when (open while ends_at is null), and whether it was planned maintenance
-- announced at announced_at. Whether it counts against the SLA is decided when attainment is computed, from the
-- configured lead time, so changing the lead time re-judges past incidents the same way for every reader.
create table broker.sla_incidents (
    id           text        primary key,
    starts_at    timestamptz not null,
    ends_at      timestamptz,
    planned      boolean     not null,
    announced_at timestamptz,
    description  text        not null check (length(description) between 1 and 2000),
    resources    text[]      not null default '{}',
    pools        text[]      not null default '{}',
    backends     text[]      not null default '{}',
    created_by   text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    check (ends_at is null or ends_at > starts_at),
    check (not planned or announced_at is not null)
);
create index sla_incidents_period_idx on broker.sla_incidents (starts_at, ends_at);
