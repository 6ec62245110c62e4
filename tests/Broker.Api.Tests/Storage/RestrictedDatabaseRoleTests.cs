using System.Net;
using Broker.Api.Tests.Hosting;
using Npgsql;

namespace Broker.Api.Tests.Storage;

/// <summary>
/// The broker needs no superuser: connected as a role without any attribute, owning only the schemas of its own
/// database (as <c>./run.sh</c> sets it up), it migrates its schema, serves, writes its journal and audit, and cannot
/// create databases or roles.
/// </summary>
public sealed class RestrictedDatabaseRoleTests(RestrictedRoleBrokerFactory broker) : IClassFixture<RestrictedRoleBrokerFactory>
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task The_broker_runs_as_a_role_that_is_not_a_superuser_and_owns_only_its_schemas()
    {
        var code = await Setup.Department("least").CreateAsync(broker);
        await broker.As("dept-member", code).Send(HttpMethod.Post, $"/api/departments/{code}/reservations", new { vector = new { vcpu = 1 } }).Expect(HttpStatusCode.Created);
        var audit = await broker.As("auditor").Send(HttpMethod.Get, $"/api/platform/audit?department={code}").Expect(HttpStatusCode.OK);
        Assert.NotEmpty(audit["items"]!.AsArray());
        await broker.Anonymous().Send(HttpMethod.Get, "/readyz").Expect(HttpStatusCode.OK);

        await using var app = new NpgsqlConnection(broker.BrokerConnectionString);
        await app.OpenAsync();
        Assert.Equal(broker.Role, await Scalar<string>(app, "select current_user"));
        var attributes = await Scalar<bool[]>(app,
            "select array[rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls] from pg_roles where rolname = current_user");
        Assert.Equal([false, false, false, false, false], attributes);
        var schemas = await Scalar<string[]>(app,
            "select array_agg(nspname::text order by nspname) from pg_namespace where nspowner = (select oid from pg_roles where rolname = current_user)");
        Assert.Equal(["broker", "public"], schemas);
        Assert.Equal(0L, await Scalar<long>(app, "select count(*) from pg_database where datdba = (select oid from pg_roles where rolname = current_user)"));
        // Everything the broker uses in its schemas is its own: the migrations created it as this role.
        Assert.Equal(0L, await Scalar<long>(app, """
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('broker', 'public') and c.relowner <> (select oid from pg_roles where rolname = current_user)
            """));
        var database = await Assert.ThrowsAsync<PostgresException>(() => Scalar<object>(app, "create database broker_sneaky"));
        var role = await Assert.ThrowsAsync<PostgresException>(() => Scalar<object>(app, "create role broker_sneaky"));
        Assert.Equal(InsufficientPrivilege, database.SqlState);
        Assert.Equal(InsufficientPrivilege, role.SqlState);
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
