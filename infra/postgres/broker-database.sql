-- The broker's own database role: not a superuser, owning only its schemas (docs/security.md).
-- Run as a superuser connected to the broker's database, after the role and the database exist; idempotent.
-- scripts/local-postgres.sh runs it for ./run.sh.
--
-- Parameter (set_config before): broker.app_role, the role the broker connects as.
DO $$
DECLARE
    app text := current_setting('broker.app_role');
    item record;
BEGIN
    EXECUTE format('ALTER ROLE %I NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', app);
    -- Connect, create its schema (the migrations do), temporary tables; PUBLIC gets nothing.
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
    -- The Orleans tables and the migrations' own table live in public; the broker's tables in broker.
    EXECUTE format('ALTER SCHEMA public OWNER TO %I', app);
    REVOKE ALL ON SCHEMA public FROM PUBLIC;
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'broker') THEN
        EXECUTE format('ALTER SCHEMA broker OWNER TO %I', app);
    END IF;

    -- Hand over what an earlier run created as another role (./run.sh before roles were split): tables, views and
    -- sequences (an owned sequence follows its table), then functions.
    FOR item IN
        SELECT c.oid::regclass AS name, c.relkind
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'broker') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND pg_get_userbyid(c.relowner) NOT IN (app, 'broker_audit_owner') -- the audit log stays out of its hands
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
            CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
            item.name, app);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name, p.prokind
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('public', 'broker') AND pg_get_userbyid(p.proowner) NOT IN (app, 'broker_audit_owner')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I', CASE item.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, item.name, app);
    END LOOP;
END
$$;
