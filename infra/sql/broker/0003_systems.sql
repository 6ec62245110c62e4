-- Systems (application projects) of departments. One row per system holds both the grain's whole state (jsonb, the
-- truth) and the columns lists filter and page on. Both are written by one statement, in the same transaction as the
-- change's audit rows, so the listing can never disagree with the grain, not even after a crash between writes.
create table broker.systems (
    department      text        not null,
    id              text        not null check (id ~ '^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$'),
    name            text        not null,
    category        text        not null,
    om_tier         smallint    not null check (om_tier between 1 and 3),
    status          text        not null check (status in ('proposed', 'approved', 'rejected')),
    network_zone    text        not null,
    sharing_scope   text        not null,
    on_shared_cloud boolean     not null,
    -- Bumped by every write; a write must name the version it read. That fences off a stale second activation.
    version         bigint      not null check (version > 0),
    state           jsonb       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (department, id)
);
-- The platform's review queue: every proposed system across departments, in key order.
create index systems_status_idx on broker.systems (status, department, id);
