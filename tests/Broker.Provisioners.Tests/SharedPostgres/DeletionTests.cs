using Broker.Provisioners.Contract;
using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class DeletionTests(PasswordPostgres server)
{
    [Fact]
    public async Task Deleting_drops_the_database_and_the_role_and_leaves_the_resource_absent()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var outputs = (await provisioner.ApplyAsync(desired)).Outputs;

        var deleted = await provisioner.DeleteAsync(desired.ResourceId);

        Assert.Equal(ObservedPhase.Absent, deleted.Phase);
        Assert.Equal(ObservedPhase.Absent, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
        Assert.Equal(0L, await server.SuperuserScalar<long>("select count(*) from pg_database where datname = $1", outputs["database"]));
        Assert.Equal(0L, await server.SuperuserScalar<long>("select count(*) from pg_roles where rolname = $1", outputs["username"]));
    }

    [Fact]
    public async Task Deleting_ends_the_departments_open_sessions()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        await using var session = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await session.OpenAsync();
        await new NpgsqlCommand("create table kept_open (id int)", session).ExecuteNonQueryAsync();

        Assert.Equal(ObservedPhase.Absent, (await provisioner.DeleteAsync(desired.ResourceId)).Phase);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => new NpgsqlCommand("select 1", session).ExecuteScalarAsync());
    }

    [Fact]
    public async Task Deleting_twice_or_deleting_what_never_existed_is_harmless()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);

        await provisioner.DeleteAsync(desired.ResourceId);
        var again = await provisioner.DeleteAsync(desired.ResourceId);
        var never = await provisioner.DeleteAsync(NewId());

        Assert.Equal((ObservedPhase.Absent, ObservedPhase.Absent), (again.Phase, never.Phase));
    }

    [Fact]
    public async Task A_delete_interrupted_after_dropping_the_database_is_finished_by_the_next()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var outputs = (await provisioner.ApplyAsync(desired)).Outputs;
        await server.SuperuserExecute($"DROP DATABASE {outputs["database"]}");

        Assert.Equal(ObservedPhase.Absent, (await provisioner.DeleteAsync(desired.ResourceId)).Phase);

        Assert.Equal(0L, await server.SuperuserScalar<long>("select count(*) from pg_roles where rolname = $1", outputs["username"]));
    }

    [Fact]
    public async Task After_a_delete_the_same_id_can_be_applied_again_from_scratch()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        await provisioner.ApplyAsync(desired);
        await provisioner.DeleteAsync(desired.ResourceId);

        var recreated = await provisioner.ApplyAsync(desired);

        Assert.Equal(ObservedPhase.Ready, recreated.Phase);
        await using var connection = Connect(await provisioner.IssueCredentialsAsync(desired.ResourceId));
        await connection.OpenAsync();
        Assert.Equal(0L, await new NpgsqlCommand("select count(*) from pg_tables where schemaname = 'public'", connection).ExecuteScalarAsync());
    }
}
