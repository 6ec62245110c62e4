-- Least privilege on the shared PostgreSQL service (docs/provisioning-shared-postgres.md, docs/security.md).
-- Run once per server, and again after upgrades, as a superuser, in the maintenance database (postgres); idempotent.
-- scripts/local-postgres.sh runs it for ./run.sh; tests/Broker.Provisioners.Tests/SharedPostgres/PasswordPostgres.cs
-- runs it on the throwaway server the isolation tests use.
--
-- Parameters, set in the session before (set_config, so psql and a driver both can pass them):
--   broker.admin_role           the broker's administrative role on this server (it must exist)
--   broker.protected_databases  comma-separated databases no tenant may enter besides postgres and template1
--                               (the broker's own database when it shares the server; may be empty)
DO $$
DECLARE
    admin text := current_setting('broker.admin_role');
    protected text[] := array['postgres', 'template1']
        || coalesce(array_remove(string_to_array(current_setting('broker.protected_databases', true), ','), ''), '{}');
    db text;
BEGIN
    -- The admin creates tenant roles and databases, and nothing more: no superuser, no replication, no RLS bypass.
    EXECUTE format('ALTER ROLE %I NOSUPERUSER CREATEDB CREATEROLE NOREPLICATION NOBYPASSRLS', admin);
    -- temp_file_limit is a superuser setting; this lets the admin give each tenant role its limit (PostgreSQL 15+).
    EXECUTE format('GRANT SET ON PARAMETER temp_file_limit TO %I', admin);

    -- Every database is open to PUBLIC by default (CONNECT, TEMPORARY): a tenant role could log into postgres,
    -- template1 or the broker's own database. Closed here; the admin keeps the maintenance database it connects to.
    FOREACH db IN ARRAY protected LOOP
        IF EXISTS (SELECT 1 FROM pg_database WHERE datname = db) THEN
            EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', db);
        END IF;
    END LOOP;
    EXECUTE format('GRANT CONNECT ON DATABASE postgres TO %I', admin);
END
$$;
