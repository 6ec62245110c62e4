namespace Broker.Provisioners.SharedPostgres;

/// <summary>Compares a role and its database with what they should be; shared by Observe (to report) and Apply (to fix).</summary>
internal static class Deviations
{
    /// <param name="limits">The settings every tenant role must carry (<see cref="SharedPostgresOptions.TenantRoleSettings"/>).</param>
    public static IReadOnlyList<Deviation> Of(RoleState role, DatabaseState database, ResourceLabel wanted, IReadOnlyList<(string Name, string Value)> limits)
    {
        var found = new List<Deviation>();
        Add(found, Deviation.AdminNotMember, !role.AdminIsMember);
        Add(found, Deviation.RoleCannotLogin, !role.CanLogin);
        Add(found, Deviation.RoleConnectionLimit, role.ConnectionLimit != wanted.ConnectionLimit);
        Add(found, Deviation.RoleLimits, limits.Any(l => !role.Settings.Contains($"{l.Name}={l.Value}", StringComparer.Ordinal)));
        Add(found, Deviation.RoleLabel, role.Label != wanted);
        Add(found, Deviation.PublicPrivileges, database.PublicHasPrivileges);
        Add(found, Deviation.OwnerCannotConnect, !database.OwnerCanConnect);
        Add(found, Deviation.DatabaseConnectionLimit, database.ConnectionLimit != wanted.ConnectionLimit);
        Add(found, Deviation.ConnectionsNotAllowed, !database.AllowConnections);
        // The public schema lives inside the database; checking it would mean connecting to every tenant database on
        // every reconciliation, so it is locked down once, before the label that marks the set-up as complete.
        Add(found, Deviation.PublicSchemaNotLockedDown, database.Label is null);
        Add(found, Deviation.DatabaseLabel, database.Label != wanted);
        return found;
    }

    public static string Describe(Deviation deviation) => deviation switch
    {
        Deviation.AdminNotMember => "the broker's admin role is not a member of the resource's role",
        Deviation.RoleCannotLogin => "the role cannot log in",
        Deviation.RoleConnectionLimit => "the role's connection limit differs",
        Deviation.RoleLimits => "the role's statement timeout or temporary file limit differs",
        Deviation.RoleLabel => "the role's label differs",
        Deviation.PublicPrivileges => "PUBLIC holds privileges on the database",
        Deviation.OwnerCannotConnect => "the owner lacks CONNECT on the database",
        Deviation.DatabaseConnectionLimit => "the database's connection limit differs",
        Deviation.ConnectionsNotAllowed => "the database does not allow connections",
        Deviation.PublicSchemaNotLockedDown => "the database's set-up is not finished",
        Deviation.DatabaseLabel => "the database's label differs",
        _ => deviation.ToString(),
    };

    private static void Add(List<Deviation> found, Deviation deviation, bool present)
    {
        if (present)
        {
            found.Add(deviation);
        }
    }
}
