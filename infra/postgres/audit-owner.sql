-- Takes the audit log out of the broker's own hands (docs/security.md, "History cannot be rewritten").
--
-- Run as a superuser of the broker's database, after the broker has applied its migrations, and again after any
-- upgrade (it is idempotent):   psql -d broker -f infra/postgres/audit-owner.sql
-- A broker that itself runs as a superuser (tests, ./run.sh before its role was split) runs this on every start.
--
-- Afterwards the audit table, its chain heads and its trigger functions belong to broker_audit_owner, a role nobody
-- logs in as. The broker's role (the owner of schema broker) keeps INSERT and SELECT on the audit table, SELECT on its chain heads, and nothing
-- else on it: it cannot UPDATE, DELETE or TRUNCATE rows (no privilege, and the triggers refuse even the owner),
-- cannot disable the triggers (that takes ownership), and cannot DROP the table, its triggers or functions, which as
-- the schema's owner it otherwise could: an event trigger refuses those drops for every role.
do $$
declare
    app regrole := (select nspowner::regrole from pg_namespace where nspname = 'broker');
begin
    if app is null or to_regclass('broker.audit_chains') is null then
        raise exception 'run the broker once first: schema broker and its audit chain (migration 0013) are missing';
    end if;

    begin
        create role broker_audit_owner nologin;
    exception when duplicate_object or unique_violation then
        null; -- another database of this server made it first
    end;

    -- Owners change only when they must: ALTER ... OWNER locks the table even when nothing changes.
    if (select relowner::regrole::text from pg_class where oid = 'broker.audit_log'::regclass) <> 'broker_audit_owner' then
        alter table broker.audit_log owner to broker_audit_owner;
    end if;
    if (select relowner::regrole::text from pg_class where oid = 'broker.audit_chains'::regclass) <> 'broker_audit_owner' then
        alter table broker.audit_chains owner to broker_audit_owner;
    end if;
    alter function broker.audit_log_chain() owner to broker_audit_owner;
    alter function broker.audit_log_hash(broker.audit_log) owner to broker_audit_owner;
    alter function broker.audit_log_reject_change() owner to broker_audit_owner;

    -- The trigger function runs as broker_audit_owner and reads its chain heads in schema broker.
    grant usage on schema broker to broker_audit_owner;
    execute format('revoke all on broker.audit_log, broker.audit_chains from %s', app);
    execute format('grant select, insert on broker.audit_log to %s', app);
    -- Verifying the chains (GET /api/platform/audit/verify) compares each chain's head with its last row.
    execute format('grant select on broker.audit_chains to %s', app);

    create schema if not exists broker_audit_guard authorization broker_audit_owner;
    create or replace function broker_audit_guard.refuse_drop() returns event_trigger
        language plpgsql
        set search_path = pg_catalog, pg_temp
    as $body$
    begin
        if exists (
            select 1 from pg_event_trigger_dropped_objects() d
            where (d.object_type = 'table' and d.object_identity in ('broker.audit_log', 'broker.audit_chains'))
               or (d.object_type = 'trigger' and d.object_identity like '% on broker.audit_log')
               or (d.object_type = 'function' and d.object_identity like 'broker.audit\_log\_%')) then
            raise exception 'the audit log, its chain and its triggers cannot be dropped' using errcode = 'insufficient_privilege';
        end if;
    end;
    $body$;
    if not exists (select 1 from pg_event_trigger where evtname = 'broker_audit_log_no_drop') then
        create event trigger broker_audit_log_no_drop on sql_drop execute function broker_audit_guard.refuse_drop();
    end if;
end;
$$;
