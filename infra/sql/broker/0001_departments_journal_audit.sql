-- Broker's own tables: the department journal (the truth behind department grains), the department directory
-- (a projection written in the same transaction, for listing and paging), the append-only audit trail, and
-- stored answers for Idempotency-Key replays.
create schema if not exists broker;

create table broker.department_journal (
    department     text        not null,
    seq            bigint      not null check (seq > 0),
    at             timestamptz not null,
    type           text        not null,
    payload        jsonb       not null,
    actor          text        not null,
    correlation_id text        not null,
    recorded_at    timestamptz not null default now(),
    -- The key is also the fence between two activations of one department: the second append collides.
    primary key (department, seq)
);

create table broker.departments (
    code        text        primary key check (code ~ '^[a-z]([a-z0-9-]{0,46}[a-z0-9])?$'),
    name_zh     text        not null,
    name_en     text        not null,
    parent_code text,
    budget_code text,
    status      text        not null check (status in ('active', 'suspended')),
    contacts    jsonb       not null default '[]',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    deleted     boolean     not null default false
);
create index departments_parent_idx on broker.departments (parent_code) where parent_code is not null;

create table broker.audit_log (
    id             bigint      generated always as identity primary key,
    at             timestamptz not null,
    actor          text        not null,
    actor_name     text,
    department     text,
    object_type    text        not null,
    object_id      text        not null,
    action         text        not null,
    before         jsonb,
    after          jsonb,
    correlation_id text        not null,
    recorded_at    timestamptz not null default now()
);
-- Auditors filter by department, actor, object and time, newest first.
create index audit_log_department_idx on broker.audit_log (department, id desc);
create index audit_log_actor_idx on broker.audit_log (actor, id desc);
create index audit_log_object_idx on broker.audit_log (object_type, object_id, id desc);
create index audit_log_at_idx on broker.audit_log (at);

-- Append-only means append-only even for a careless migration or a person with psql.
create function broker.audit_log_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'broker.audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_append_only before update or delete on broker.audit_log
    for each row execute function broker.audit_log_reject_change();
create trigger audit_log_no_truncate before truncate on broker.audit_log
    for each statement execute function broker.audit_log_reject_change();

create table broker.idempotency_keys (
    scope        text        not null,
    key          text        not null check (length(key) between 1 and 200),
    request_hash text        not null,
    status_code  integer     not null,
    response     text        not null,
    location     text,
    created_at   timestamptz not null default now(),
    primary key (scope, key)
);
create index idempotency_keys_created_idx on broker.idempotency_keys (created_at);
