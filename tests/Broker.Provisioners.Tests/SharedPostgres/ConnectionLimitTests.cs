using Broker.Provisioners.Contract;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class ConnectionLimitTests(PasswordPostgres server)
{
    [Fact]
    public async Task The_connection_limit_is_set_on_both_the_database_and_the_role()
    {
        await using var provisioner = server.Provisioner();

        var outputs = (await provisioner.ApplyAsync(Database(connectionLimit: 7))).Outputs;

        Assert.Equal(7, await server.SuperuserScalar<int>("select datconnlimit from pg_database where datname = $1", outputs["database"]));
        Assert.Equal(7, await server.SuperuserScalar<int>("select rolconnlimit from pg_roles where rolname = $1", outputs["username"]));
    }

    [Fact]
    public async Task Applying_a_new_connection_limit_changes_it_in_place()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database(connectionLimit: 7);
        var first = await provisioner.ApplyAsync(desired);

        var second = await provisioner.ApplyAsync(desired with { ConnectionLimit = 40, PlanVersion = 2 });

        Assert.Equal((ObservedPhase.Ready, first.Outputs["database"]), (second.Phase, second.Outputs["database"]));
        Assert.Equal(40, await server.SuperuserScalar<int>("select datconnlimit from pg_database where datname = $1", first.Outputs["database"]));
        Assert.Equal(40, await server.SuperuserScalar<int>("select rolconnlimit from pg_roles where rolname = $1", first.Outputs["username"]));
        Assert.Equal(ObservedPhase.Ready, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
    }

    [Fact]
    public async Task The_limit_is_enforced_for_the_departments_logins()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database(connectionLimit: 1);
        await provisioner.ApplyAsync(desired);
        var credentials = await provisioner.IssueCredentialsAsync(desired.ResourceId);
        await using var first = Connect(credentials);
        await first.OpenAsync();

        await using var second = Connect(credentials);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => second.OpenAsync());

        Assert.Equal("53300", refused.SqlState); // too_many_connections
    }
}
