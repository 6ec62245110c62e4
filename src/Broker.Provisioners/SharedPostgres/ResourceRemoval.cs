using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// Removes one resource's database and role. Each step tolerates the previous run having done it already, so a delete
/// interrupted anywhere is finished by the next. Only a role labelled for the resource is touched.
/// </summary>
internal sealed class ResourceRemoval(NpgsqlConnection connection, ILogger logger)
{
    // Every session of the role (wherever) and every other session in its database that the admin may signal; a
    // superuser's session in it (a DBA at work) makes DROP DATABASE fail as "in use", a transient failure.
    private const string TerminateSessions = """
        select count(pg_terminate_backend(pid)) from pg_stat_activity
        where (datname = $1 or usename = $2) and pid <> pg_backend_pid() and pg_has_role(usesysid, 'USAGE')
        """;

    public async Task DeleteAsync(string prefix, string resourceId, CancellationToken cancellationToken)
    {
        var role = PgIdentifier.From(SharedPostgresNames.RoleFor(prefix, resourceId));
        var roleState = await ServerCatalog.FindRoleAsync(connection, role, cancellationToken);
        if (roleState is null)
        {
            return; // A role cannot be dropped while it owns a database, so without it there is nothing left.
        }

        if (roleState.Label?.ResourceId != resourceId)
        {
            SharedPostgresLog.ForeignRoleLeftAlone(logger, resourceId, role.Value);
            return;
        }

        var database = PgIdentifier.From(roleState.Label.Database);
        if (!roleState.AdminIsMember)
        {
            await Ddl.ExecuteAsync(connection, "GRANT %I TO CURRENT_USER", cancellationToken, role);
        }

        // No new logins first, so that terminated sessions cannot come straight back.
        await Ddl.ExecuteAsync(connection, "ALTER ROLE %I WITH NOLOGIN", cancellationToken, role);
        await TerminateSessionsAsync(database, role, cancellationToken);
        // A database of that name owned by another role was never ours (the apply refused it): leave it.
        if (await ServerCatalog.FindDatabaseAsync(connection, database, cancellationToken) is { } databaseState
            && databaseState.OwnerOid == roleState.Oid)
        {
            // DROP DATABASE waits a few seconds for terminated sessions to end; if one still lingers it fails with
            // "object in use", which is transient: the next delete finishes.
            await Ddl.ExecuteAsync(connection, "DROP DATABASE IF EXISTS %I", cancellationToken, database);
        }

        await Ddl.ExecuteAsync(connection, "DROP ROLE IF EXISTS %I", cancellationToken, role);
        SharedPostgresLog.Deleted(logger, database.Value, role.Value, resourceId);
    }

    private async Task TerminateSessionsAsync(PgIdentifier database, PgIdentifier role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TerminateSessions, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role.Value });
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
