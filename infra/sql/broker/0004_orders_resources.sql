-- Orders and resources. A resource's event journal is also the outbox metering reads: one row per transition,
-- keyed by (resource_id, seq), carrying what a ledger interval needs (department, system, plan version, SLA tier,
-- quota vector), so the transition and its metering event are written together or not at all.
create table broker.resource_events (
    resource_id    text        not null,
    seq            bigint      not null check (seq > 0),
    at             timestamptz not null,
    type           text        not null,
    payload        jsonb       not null,
    department     text        not null,
    system_id      text        not null,
    plan_code      text        not null,
    plan_version   integer     not null,
    sla_tier       text        not null,
    state          text        not null,
    vector         jsonb       not null,
    actor          text        not null,
    correlation_id text        not null,
    recorded_at    timestamptz not null default now(),
    primary key (resource_id, seq)
);
-- The metering relay reads in commit order per department.
create index resource_events_department_idx on broker.resource_events (department, at);

create table broker.resources (
    id           text        primary key,
    department   text        not null,
    system_id    text        not null,
    order_id     text        not null,
    kind         text        not null check (kind in ('vm', 'database')),
    plan_code    text        not null,
    plan_version integer     not null,
    sla_tier     text        not null,
    state        text        not null,
    lease_end    timestamptz,
    lease_expiring boolean   not null default false,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index resources_department_idx on broker.resources (department, id);
create index resources_state_idx on broker.resources (state) where state not in ('deleted');

create table broker.orders (
    id          text        not null,
    department  text        not null,
    system_id   text        not null,
    plan_code   text        not null,
    sla_tier    text        not null,
    quantity    integer     not null check (quantity > 0),
    state       text        not null,
    waiting_for text,
    escalated   boolean     not null default false,
    ordered_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (department, id)
);
create index orders_waiting_idx on broker.orders (waiting_for, created_at) where waiting_for is not null;
