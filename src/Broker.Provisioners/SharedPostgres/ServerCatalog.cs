using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>Reads roles and databases from the server's catalogs (readable by any role, so no extra grant is needed).</summary>
internal static class ServerCatalog
{
    private const string RoleQuery = """
        select r.oid, r.rolcanlogin, r.rolconnlimit, shobj_description(r.oid, 'pg_authid'),
               pg_has_role(current_user, r.oid, 'USAGE'),
               coalesce((select s.setconfig from pg_db_role_setting s where s.setrole = r.oid and s.setdatabase = 0), '{}')
        from pg_roles r
        where r.rolname = $1
        """;

    // A database whose ACL is still null has the default one: the owner everything, PUBLIC CONNECT and TEMPORARY.
    private const string DatabaseQuery = """
        select d.datdba, d.datconnlimit, d.datallowconn, shobj_description(d.oid, 'pg_database'),
               exists (select 1 from aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a where a.grantee = 0),
               exists (select 1 from aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
                       where a.grantee = d.datdba and a.privilege_type = 'CONNECT')
        from pg_database d
        where d.datname = $1
        """;

    public static async Task<RoleState?> FindRoleAsync(NpgsqlConnection connection, PgIdentifier role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RoleQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new RoleState(
            reader.GetFieldValue<uint>(0),
            reader.GetBoolean(1),
            reader.GetInt32(2),
            reader.GetBoolean(4),
            ResourceLabel.Parse(reader.IsDBNull(3) ? null : reader.GetString(3)),
            reader.GetFieldValue<string[]>(5));
    }

    public static async Task<DatabaseState?> FindDatabaseAsync(NpgsqlConnection connection, PgIdentifier database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DatabaseQuery, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DatabaseState(
            reader.GetFieldValue<uint>(0),
            reader.GetInt32(1),
            reader.GetBoolean(2),
            reader.GetBoolean(4),
            reader.GetBoolean(5),
            ResourceLabel.Parse(reader.IsDBNull(3) ? null : reader.GetString(3)));
    }
}
