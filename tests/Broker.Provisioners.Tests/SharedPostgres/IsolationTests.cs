using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class IsolationTests(PasswordPostgres server)
{
    private const string InsufficientPrivilege = "42501";

    [Fact]
    public async Task Another_departments_credentials_cannot_connect_to_the_first_departments_database()
    {
        await using var provisioner = server.Provisioner();
        var housing = Database(department: "housing-fund");
        var finance = Database(department: "finance-bureau");
        await provisioner.ApplyAsync(housing);
        await provisioner.ApplyAsync(finance);
        var housingCredentials = await provisioner.IssueCredentialsAsync(housing.ResourceId);
        var financeCredentials = await provisioner.IssueCredentialsAsync(finance.ResourceId);

        await using var intruder = Connect(financeCredentials with { Database = housingCredentials.Database });
        var refused = await Assert.ThrowsAsync<PostgresException>(() => intruder.OpenAsync());

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Contains("permission denied for database", refused.MessageText, StringComparison.Ordinal);
        await using var own = Connect(financeCredentials);
        await own.OpenAsync(); // the same credentials do work on their own database
    }

    [Fact]
    public async Task Public_has_no_privilege_on_the_database_so_an_unrelated_login_role_is_refused()
    {
        await using var provisioner = server.Provisioner();
        var database = (await provisioner.ApplyAsync(Database())).Outputs["database"];
        var stranger = "stranger_" + Guid.NewGuid().ToString("N")[..8];
        await server.SuperuserExecute($"CREATE ROLE {stranger} LOGIN PASSWORD 'stranger-password'");

        Assert.False(await server.SuperuserScalar<bool>("select has_database_privilege('public', $1, 'CONNECT')", database));
        Assert.False(await server.SuperuserScalar<bool>("select has_database_privilege('public', $1, 'TEMPORARY')", database));
        await using var connection = Connect(new("127.0.0.1", server.Port, database, stranger, "stranger-password"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task Inside_the_database_public_has_no_privilege_on_the_public_schema_while_the_owner_keeps_it()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var database = (await provisioner.ApplyAsync(desired)).Outputs["database"];
        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);

        await using var connection = Connect(credentials);
        await connection.OpenAsync();
        Assert.False((bool)(await new NpgsqlCommand("select has_schema_privilege('public', 'public', 'USAGE')", connection).ExecuteScalarAsync())!);
        Assert.False((bool)(await new NpgsqlCommand("select has_schema_privilege('public', 'public', 'CREATE')", connection).ExecuteScalarAsync())!);
        Assert.True((bool)(await new NpgsqlCommand("select has_schema_privilege(current_user, 'public', 'CREATE')", connection).ExecuteScalarAsync())!);
        Assert.Equal(credentials.Database, database);
    }

    [Fact]
    public async Task Two_departments_asking_for_the_same_database_name_get_two_databases()
    {
        await using var provisioner = server.Provisioner();

        var housing = (await provisioner.ApplyAsync(Database(department: "housing-fund", databaseName: "portal"))).Outputs;
        var finance = (await provisioner.ApplyAsync(Database(department: "finance-bureau", databaseName: "portal"))).Outputs;
        var housingAgain = (await provisioner.ApplyAsync(Database(department: "housing-fund", databaseName: "portal"))).Outputs;

        Assert.Equal(3, new[] { housing["database"], finance["database"], housingAgain["database"] }.Distinct().Count());
        Assert.Equal(3, new[] { housing["username"], finance["username"], housingAgain["username"] }.Distinct().Count());
    }
}
