using System.Globalization;
using Broker.Provisioners.Contract;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// What a resource looks like on the server, from its id alone: the role name follows from the id, and the role's
/// label names the database and the desired connection limit. Outputs never carry the password (none is stored).
/// </summary>
internal static class ResourceObservation
{
    public static async Task<ObservedResource> ReadAsync(
        NpgsqlConnection connection, SharedPostgresOptions options, string resourceId, CancellationToken cancellationToken)
    {
        var role = PgIdentifier.From(SharedPostgresNames.RoleFor(options.NamePrefix, resourceId));
        var roleState = await ServerCatalog.FindRoleAsync(connection, role, cancellationToken);
        // A role of our name without our label is not this resource's: for this id there is nothing.
        if (roleState?.Label is not { } label || label.ResourceId != resourceId)
        {
            return ObservedResource.Absent(resourceId);
        }

        var outputs = new Dictionary<string, string>
        {
            ["host"] = options.AdvertisedHost,
            ["port"] = options.AdvertisedPort.ToString(CultureInfo.InvariantCulture),
            ["database"] = label.Database,
            ["username"] = role.Value,
        };
        var database = await ServerCatalog.FindDatabaseAsync(connection, PgIdentifier.From(label.Database), cancellationToken);
        if (database is null || database.OwnerOid != roleState.Oid)
        {
            return new ObservedResource(resourceId, ObservedPhase.Pending, "The role exists but its database does not yet; the next apply creates it.", outputs);
        }

        var deviations = Deviations.Of(roleState, database, label, options.TenantRoleSettings);
        return deviations.Count == 0
            ? new ObservedResource(resourceId, ObservedPhase.Ready, null, outputs)
            : new ObservedResource(
                resourceId,
                ObservedPhase.Pending,
                $"Not as desired: {string.Join("; ", deviations.Select(Deviations.Describe))}. The next apply repairs it.",
                outputs);
    }
}
