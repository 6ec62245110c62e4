using Broker.Provisioners.SharedPostgres;
using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

/// <summary>
/// A tenant's credentials reach their own database and nothing else on the server (set up by
/// infra/postgres/shared-service.sql, as <c>./run.sh</c> does), cannot create databases or roles, and run inside the
/// statement timeout, temporary file limit and connection limit its role carries. The admin role the provisioner runs
/// as is no superuser.
/// </summary>
[Collection(PasswordPostgresCollection.Name)]
public sealed class TenantConfinementTests(PasswordPostgres server)
{
    private const string InsufficientPrivilege = "42501";
    private const string QueryCanceled = "57014";
    private const string ConfigurationLimitExceeded = "53400";

    [Theory]
    [InlineData("postgres")]
    [InlineData("template1")]
    [InlineData(BrokerDatabase)]
    public async Task A_tenant_cannot_connect_to_the_maintenance_template_or_brokers_database(string database)
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        await using var elsewhere = Connect(credentials with { Database = database });
        var refused = await Assert.ThrowsAsync<PostgresException>(() => elsewhere.OpenAsync());

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        await using var own = Connect(credentials);
        await own.OpenAsync();
    }

    [Fact]
    public async Task A_tenant_cannot_create_a_database_or_a_role()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        await using var tenant = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await tenant.OpenAsync();

        var database = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("CREATE DATABASE sneaky", tenant).ExecuteNonQueryAsync());
        var role = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("CREATE ROLE sneaky", tenant).ExecuteNonQueryAsync());

        Assert.Equal(InsufficientPrivilege, database.SqlState);
        Assert.Equal(InsufficientPrivilege, role.SqlState);
    }

    [Fact]
    public async Task A_tenants_query_is_cancelled_at_its_statement_timeout_and_its_sort_stops_at_its_temp_file_limit()
    {
        await using var provisioner = server.Provisioner(statementTimeout: TimeSpan.FromSeconds(1), tempFileLimitMib: 1);
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        // A session of its own for each refusal: what a refused statement leaves of a session is not the point here.
        Assert.Equal("1s", await TenantScalarAsync(credentials, "SHOW statement_timeout"));
        Assert.Equal("1MB", await TenantScalarAsync(credentials, "SHOW temp_file_limit"));
        var slow = await Assert.ThrowsAsync<PostgresException>(() => TenantScalarAsync(credentials, "select pg_sleep(600)"));
        Assert.Equal(QueryCanceled, slow.SqlState);
        var spill = await Assert.ThrowsAsync<PostgresException>(() => TenantScalarAsync(
            credentials, "set work_mem = '64kB'; select count(*) from (select g from generate_series(1, 500000) g order by g desc) s"));
        Assert.Equal(ConfigurationLimitExceeded, spill.SqlState);
        // Only a superuser may lift the limit.
        var lift = await Assert.ThrowsAsync<PostgresException>(() => TenantScalarAsync(credentials, "set temp_file_limit = -1"));
        Assert.Equal(InsufficientPrivilege, lift.SqlState);
    }

    private static async Task<object?> TenantScalarAsync(DatabaseCredentials credentials, string sql)
    {
        await using var tenant = Connect(credentials);
        await tenant.OpenAsync();
        await using var command = new NpgsqlCommand(sql, tenant);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Limits_changed_behind_the_brokers_back_show_as_drift_and_the_next_apply_restores_them()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var username = (await provisioner.ApplyAsync(desired)).Outputs["username"];
        await server.SuperuserExecute($"ALTER ROLE {username} RESET temp_file_limit");

        var observed = await provisioner.ObserveAsync(desired.ResourceId);
        Assert.Contains("temporary file limit", observed.Message, StringComparison.Ordinal);
        await provisioner.ApplyAsync(desired);

        Assert.Equal(Contract.ObservedPhase.Ready, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
        var settings = await server.SuperuserScalar<string[]>("select setconfig from pg_db_role_setting where setrole = $1::regrole and setdatabase = 0", username);
        Assert.Contains($"temp_file_limit={10 * 1024 * 1024}", settings);
        Assert.Contains("statement_timeout=300000", settings);
    }

    [Fact]
    public async Task The_admin_role_the_provisioner_runs_as_has_createdb_and_createrole_only()
    {
        var flags = await server.SuperuserScalar<bool[]>(
            "select array[rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls] from pg_roles where rolname = $1", AdminRole);

        Assert.Equal([false, true, true, false, false], flags);
    }
}
