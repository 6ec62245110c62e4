using Broker.Provisioners.Contract;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// Brings one resource's role and database to what they should be, step by step, so that an apply interrupted anywhere
/// (the broker crashed, the connection dropped) is finished by the next one: the role with its label in one transaction,
/// then the database (CREATE DATABASE cannot run in a transaction) closed to connections until secured, then every
/// <see cref="Deviation"/> fixed in order, the database label last. Runs under the resource's <see cref="ResourceLock"/>.
/// </summary>
internal sealed class ResourceConvergence(NpgsqlConnection connection, SharedPostgresOptions options, ILogger logger)
{
    public async Task ApplyAsync(SharedPostgresNames names, ResourceLabel wanted, CancellationToken cancellationToken)
    {
        var role = PgIdentifier.From(names.Role);
        var database = PgIdentifier.From(names.Database);
        var roleState = await ServerCatalog.FindRoleAsync(connection, role, cancellationToken)
            ?? await CreateRoleAsync(role, wanted, cancellationToken);
        Claim(roleState, names, wanted);

        var databaseState = await ServerCatalog.FindDatabaseAsync(connection, database, cancellationToken)
            ?? await CreateDatabaseAsync(database, role, wanted, cancellationToken);
        if (databaseState.OwnerOid != roleState.Oid || databaseState.Label is { } label && label.ResourceId != wanted.ResourceId)
        {
            throw new ProvisionerException(
                $"Shared PostgreSQL: database {names.Database} exists but does not belong to resource '{wanted.ResourceId}'; it was left alone.",
                permanent: true);
        }

        // A database without its label is new (or its set-up was interrupted): the fixes are its set-up, not drift.
        var settingUp = databaseState.Label is null;
        foreach (var deviation in Deviations.Of(roleState, databaseState, wanted, options.TenantRoleSettings))
        {
            await FixAsync(deviation, role, database, wanted, cancellationToken);
            if (!settingUp)
            {
                SharedPostgresLog.Converged(logger, wanted.ResourceId, deviation);
            }
        }

        if (settingUp)
        {
            SharedPostgresLog.DatabaseSecured(logger, names.Database, wanted.ResourceId);
        }
    }

    // A role of our name is ours only if its label says so; and a resource's database name never changes.
    private static void Claim(RoleState role, SharedPostgresNames names, ResourceLabel wanted)
    {
        if (role.Label?.ResourceId != wanted.ResourceId)
        {
            throw new ProvisionerException(
                $"Shared PostgreSQL: role {names.Role} exists but was not created for resource '{wanted.ResourceId}'; it was left alone.",
                permanent: true);
        }

        if (role.Label.Database != wanted.Database)
        {
            throw new ProvisionerException(
                $"Shared PostgreSQL: resource '{wanted.ResourceId}' has database {role.Label.Database}; its department or database name cannot change.",
                permanent: true);
        }
    }

    private async Task<RoleState> CreateRoleAsync(PgIdentifier role, ResourceLabel wanted, CancellationToken cancellationToken)
    {
        // No password yet: nobody can log in until IssueCredentialsAsync sets one.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await Ddl.ExecuteAsync(
                connection,
                "CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT %s",
                cancellationToken,
                role,
                wanted.ConnectionLimit);
            await Ddl.ExecuteAsync(connection, "COMMENT ON ROLE %I IS %L", cancellationToken, role, wanted.ToJson());
            // Lets a non-superuser admin create the database with this owner, and later alter and drop it.
            await Ddl.ExecuteAsync(connection, "GRANT %I TO CURRENT_USER", cancellationToken, role);
            await transaction.CommitAsync(cancellationToken);
        }

        SharedPostgresLog.RoleCreated(logger, role.Value, wanted.ResourceId, wanted.Department);
        return await ServerCatalog.FindRoleAsync(connection, role, cancellationToken)
            ?? throw new ProvisionerException($"Shared PostgreSQL: role {role} vanished right after creation.", permanent: false);
    }

    private async Task<DatabaseState> CreateDatabaseAsync(
        PgIdentifier database, PgIdentifier role, ResourceLabel wanted, CancellationToken cancellationToken)
    {
        // Closed to everyone until PUBLIC's default CONNECT is revoked: no window in which another role could get in.
        await Ddl.ExecuteAsync(
            connection,
            "CREATE DATABASE %I WITH OWNER %I ALLOW_CONNECTIONS false CONNECTION LIMIT %s",
            cancellationToken,
            database,
            role,
            wanted.ConnectionLimit);
        SharedPostgresLog.DatabaseCreated(logger, database.Value, wanted.ResourceId);
        return await ServerCatalog.FindDatabaseAsync(connection, database, cancellationToken)
            ?? throw new ProvisionerException($"Shared PostgreSQL: database {database} vanished right after creation.", permanent: false);
    }

    private Task FixAsync(Deviation deviation, PgIdentifier role, PgIdentifier database, ResourceLabel wanted, CancellationToken cancellationToken) => deviation switch
    {
        Deviation.AdminNotMember => Ddl.ExecuteAsync(connection, "GRANT %I TO CURRENT_USER", cancellationToken, role),
        Deviation.RoleCannotLogin or Deviation.RoleConnectionLimit =>
            Ddl.ExecuteAsync(connection, "ALTER ROLE %I WITH LOGIN CONNECTION LIMIT %s", cancellationToken, role, wanted.ConnectionLimit),
        Deviation.RoleLimits => SetLimitsAsync(role, cancellationToken),
        Deviation.RoleLabel => Ddl.ExecuteAsync(connection, "COMMENT ON ROLE %I IS %L", cancellationToken, role, wanted.ToJson()),
        // ALL rather than CONNECT alone: PUBLIC has no business with TEMPORARY (or CREATE) in a tenant database either.
        Deviation.PublicPrivileges => Ddl.ExecuteAsync(connection, "REVOKE ALL ON DATABASE %I FROM PUBLIC", cancellationToken, database),
        Deviation.OwnerCannotConnect => Ddl.ExecuteAsync(connection, "GRANT CONNECT ON DATABASE %I TO %I", cancellationToken, database, role),
        Deviation.DatabaseConnectionLimit =>
            Ddl.ExecuteAsync(connection, "ALTER DATABASE %I WITH CONNECTION LIMIT %s", cancellationToken, database, wanted.ConnectionLimit),
        Deviation.ConnectionsNotAllowed => Ddl.ExecuteAsync(connection, "ALTER DATABASE %I WITH ALLOW_CONNECTIONS true", cancellationToken, database),
        Deviation.PublicSchemaNotLockedDown => LockDownPublicSchemaAsync(database, cancellationToken),
        Deviation.DatabaseLabel => Ddl.ExecuteAsync(connection, "COMMENT ON DATABASE %I IS %L", cancellationToken, database, wanted.ToJson()),
        _ => throw new ArgumentOutOfRangeException(nameof(deviation), deviation, null),
    };

    /// <summary>
    /// The tenant's statement timeout and temporary file limit, as role settings that apply in every database it logs
    /// into. temp_file_limit is superuser-only: the admin role needs SET on that parameter (granted once by a superuser).
    /// </summary>
    private async Task SetLimitsAsync(PgIdentifier role, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in options.TenantRoleSettings)
        {
            // The names are constants of this assembly (TenantRoleSettings); %I quotes them all the same.
            await Ddl.ExecuteAsync(connection, "ALTER ROLE %I SET %I = %L", cancellationToken, role, PgIdentifier.From(name), value);
        }
    }

    /// <summary>
    /// PostgreSQL 15 already denies PUBLIC CREATE on the public schema; revoking USAGE too means a role that somehow got
    /// in still sees nothing. The schema's owner (pg_database_owner, i.e. the resource's role) keeps everything.
    /// </summary>
    private async Task LockDownPublicSchemaAsync(PgIdentifier database, CancellationToken cancellationToken)
    {
        // Unpooled: a pool per tenant database would keep idle connections to every database the broker ever set up.
        var builder = new NpgsqlConnectionStringBuilder(options.AdminConnectionString) { Database = database.Value, Pooling = false };
        await using var tenant = new NpgsqlConnection(builder.ConnectionString);
        await tenant.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("REVOKE ALL ON SCHEMA public FROM PUBLIC", tenant);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
