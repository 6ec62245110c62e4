using Broker.Provisioners.Contract;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class IdempotencyAndDriftTests(PasswordPostgres server)
{
    private const string Objects = """
        select (select oid from pg_roles where rolname = $1)::bigint * 1000000000 + (select oid from pg_database where datname = $2)::bigint
        """;

    [Fact]
    public async Task Applying_again_creates_nothing_new_and_logs_no_change()
    {
        var logs = new RecordingLoggerProvider();
        await using var provisioner = server.Provisioner(logs);
        var desired = Database();
        var first = await provisioner.ApplyAsync(desired);
        var before = await server.SuperuserScalar<long>(Objects, first.Outputs["username"], first.Outputs["database"]);
        var roles = await server.SuperuserScalar<long>("select count(*) from pg_roles");
        var linesAfterFirst = logs.Lines.Count;

        var second = await provisioner.ApplyAsync(desired);

        Assert.Equal(ObservedPhase.Ready, second.Phase);
        Assert.Equal(first.Outputs, second.Outputs);
        Assert.Equal(before, await server.SuperuserScalar<long>(Objects, first.Outputs["username"], first.Outputs["database"]));
        Assert.Equal(roles, await server.SuperuserScalar<long>("select count(*) from pg_roles"));
        Assert.Equal(linesAfterFirst, logs.Lines.Count);
    }

    [Fact]
    public async Task Drift_behind_the_brokers_back_is_reported_by_observe_and_repaired_by_the_next_apply()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database(connectionLimit: 20);
        var outputs = (await provisioner.ApplyAsync(desired)).Outputs;
        var (role, database) = (outputs["username"], outputs["database"]);
        await server.SuperuserExecute($"ALTER DATABASE {database} CONNECTION LIMIT 3");
        await server.SuperuserExecute($"GRANT CONNECT ON DATABASE {database} TO PUBLIC");
        await server.SuperuserExecute($"REVOKE CONNECT ON DATABASE {database} FROM {role}");
        await server.SuperuserExecute($"ALTER ROLE {role} NOLOGIN CONNECTION LIMIT 9");

        var drifted = await provisioner.ObserveAsync(desired.ResourceId);
        var repaired = await provisioner.ApplyAsync(desired);

        Assert.Equal(ObservedPhase.Pending, drifted.Phase);
        Assert.Equal(
            "Not as desired: the role cannot log in; the role's connection limit differs; PUBLIC holds privileges on the database; "
            + "the owner lacks CONNECT on the database; the database's connection limit differs. The next apply repairs it.",
            drifted.Message);
        Assert.Equal(ObservedPhase.Ready, repaired.Phase);
        Assert.False(await server.SuperuserScalar<bool>("select has_database_privilege('public', $1, 'CONNECT')", database));
        Assert.Equal(20, await server.SuperuserScalar<int>("select datconnlimit from pg_database where datname = $1", database));
        Assert.Equal(20, await server.SuperuserScalar<int>("select rolconnlimit from pg_roles where rolname = $1", role));
        await using var connection = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await connection.OpenAsync(); // login and CONNECT are back
    }

    [Fact]
    public async Task A_role_left_without_its_database_by_a_crash_gets_the_database_on_the_next_apply()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var outputs = (await provisioner.ApplyAsync(desired)).Outputs;
        // What a crash between the role's transaction and CREATE DATABASE leaves behind.
        await server.SuperuserExecute($"DROP DATABASE {outputs["database"]}");

        var halfway = await provisioner.ObserveAsync(desired.ResourceId);
        var finished = await provisioner.ApplyAsync(desired);

        Assert.Equal(ObservedPhase.Pending, halfway.Phase);
        Assert.Equal("The role exists but its database does not yet; the next apply creates it.", halfway.Message);
        Assert.Equal(ObservedPhase.Ready, finished.Phase);
        Assert.Equal(outputs, finished.Outputs);
        await using var connection = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await connection.OpenAsync();
    }

    [Fact]
    public async Task A_database_whose_set_up_was_interrupted_is_secured_on_the_next_apply()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var database = (await provisioner.ApplyAsync(desired)).Outputs["database"];
        // What a crash right after CREATE DATABASE leaves: PUBLIC's defaults, no label (the label is written last).
        await server.SuperuserExecute("GRANT ALL ON SCHEMA public TO PUBLIC", database);
        await server.SuperuserExecute($"GRANT ALL ON DATABASE {database} TO PUBLIC");
        await server.SuperuserExecute($"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await server.SuperuserExecute($"COMMENT ON DATABASE {database} IS NULL");

        Assert.Equal(ObservedPhase.Pending, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
        Assert.Equal(ObservedPhase.Ready, (await provisioner.ApplyAsync(desired)).Phase);

        Assert.False(await server.SuperuserScalar<bool>("select has_database_privilege('public', $1, 'CONNECT')", database));
        Assert.True(await server.SuperuserScalar<bool>("select datallowconn from pg_database where datname = $1", database));
        await using var connection = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await connection.OpenAsync();
        await using var check = new Npgsql.NpgsqlCommand("select has_schema_privilege('public', 'public', 'USAGE')", connection);
        Assert.False((bool)(await check.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Concurrent_applies_from_two_brokers_create_one_role_and_one_database()
    {
        await using var first = server.Provisioner();
        await using var second = server.Provisioner();
        var desired = Database();

        var observed = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).ApplyAsync(desired)));

        Assert.All(observed, o => Assert.Equal(ObservedPhase.Ready, o.Phase));
        Assert.Single(observed.Select(o => o.Outputs["database"]).Distinct());
        Assert.Equal(1L, await server.SuperuserScalar<long>("select count(*) from pg_roles where rolname = $1", observed[0].Outputs["username"]));
        Assert.Equal(1L, await server.SuperuserScalar<long>("select count(*) from pg_database where datname = $1", observed[0].Outputs["database"]));
    }
}
