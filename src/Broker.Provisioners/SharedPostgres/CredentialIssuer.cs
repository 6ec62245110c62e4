using Broker.Provisioners.Contract;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// Gives a resource's role a new random password and hands it out once. The server receives only the SCRAM verifier;
/// the plain text exists in the returned <see cref="DatabaseCredentials"/> and nowhere else. Sessions opened with the
/// old password stay open (the department's applications keep running until they reconnect); delete ends all of them.
/// </summary>
internal sealed class CredentialIssuer(NpgsqlConnection connection, SharedPostgresOptions options, ILogger logger)
{
    public async Task<DatabaseCredentials> IssueAsync(string resourceId, CancellationToken cancellationToken)
    {
        var role = PgIdentifier.From(SharedPostgresNames.RoleFor(options.NamePrefix, resourceId));
        var roleState = await ServerCatalog.FindRoleAsync(connection, role, cancellationToken);
        if (roleState?.Label is not { } label || label.ResourceId != resourceId)
        {
            throw new ProvisionerException($"Shared PostgreSQL: resource '{resourceId}' has no database here.", permanent: true);
        }

        var database = await ServerCatalog.FindDatabaseAsync(connection, PgIdentifier.From(label.Database), cancellationToken);
        if (database is null || database.OwnerOid != roleState.Oid)
        {
            throw new ProvisionerException($"Shared PostgreSQL: the database of resource '{resourceId}' is not created yet.", permanent: false);
        }

        var password = PasswordGenerator.Generate();
        await Ddl.ExecuteAsync(connection, "ALTER ROLE %I WITH PASSWORD %L", cancellationToken, role, ScramVerifier.For(password));
        SharedPostgresLog.CredentialsIssued(logger, role.Value, resourceId);
        return new DatabaseCredentials(options.AdvertisedHost, options.AdvertisedPort, label.Database, role.Value, password);
    }
}
