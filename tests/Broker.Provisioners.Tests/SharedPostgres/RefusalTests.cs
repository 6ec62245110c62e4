using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class RefusalTests(PasswordPostgres server)
{
    private const string Everything = "select (select count(*) from pg_roles) + (select count(*) from pg_database)";

    [Theory]
    [InlineData("department", "Housing-Fund")]
    [InlineData("department", "housing_fund")]
    [InlineData("department", "x\"; DROP ROLE postgres; --")]
    [InlineData("department", "")]
    [InlineData("databaseName", "Portal")]
    [InlineData("databaseName", "portal; drop database postgres")]
    [InlineData("databaseName", "por\"tal")]
    [InlineData("databaseName", "1portal")]
    [InlineData("databaseName", "数据库")]
    [InlineData("databaseName", null)]
    [InlineData("databaseName", "a_database_name_that_is_one_byte_longer_than_postgres_allows_xyz")]
    [InlineData("resourceId", "Bad Id")]
    [InlineData("resourceId", "o1'||pg_sleep(1)||'")]
    [InlineData("resourceId", "-o1")]
    [InlineData("resourceId", "o123456789012345678901234567890123456789012345678901234567890123")]
    public async Task Names_that_are_not_safe_identifiers_are_refused_permanently_before_anything_is_created(string field, string? value)
    {
        await using var provisioner = server.Provisioner();
        var desired = field switch
        {
            "department" => Database(department: value!),
            "databaseName" => Database() with { DatabaseName = value },
            _ => Database(id: value),
        };
        var before = await server.SuperuserScalar<long>(Everything);

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(desired));

        Assert.True(refused.Permanent);
        Assert.Contains(field, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await server.SuperuserScalar<long>(Everything));
    }

    [Theory]
    [InlineData("Bad Id")]
    [InlineData("x\"y")]
    [InlineData("")]
    public async Task Observe_delete_and_credentials_refuse_an_unsafe_resource_id_permanently(string resourceId)
    {
        await using var provisioner = server.Provisioner();

        var calls = new Func<Task>[]
        {
            () => provisioner.ObserveAsync(resourceId),
            () => provisioner.DeleteAsync(resourceId),
            () => provisioner.IssueCredentialsAsync(resourceId),
        };

        foreach (var call in calls)
        {
            Assert.True((await Assert.ThrowsAsync<ProvisionerException>(call)).Permanent);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100_001)]
    public async Task A_connection_limit_outside_1_to_100000_is_refused_permanently(int limit)
    {
        await using var provisioner = server.Provisioner();

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(Database(connectionLimit: limit)));

        Assert.True(refused.Permanent);
        Assert.Contains("ConnectionLimit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vm_is_refused_permanently()
    {
        await using var provisioner = server.Provisioner();

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(Database() with { Kind = WorkloadKind.Vm }));

        Assert.True(refused.Permanent);
        Assert.Contains("only databases", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("shared-postgres", false), (provisioner.Name, provisioner.IsSimulated));
    }

    [Fact]
    public async Task A_role_of_the_derived_name_not_created_for_the_resource_is_never_taken_over()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var role = SharedPostgresNames.RoleFor("brk_", desired.ResourceId);
        await server.SuperuserExecute($"CREATE ROLE {role} LOGIN PASSWORD 'someone-elses'");

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(desired));
        var observed = await provisioner.ObserveAsync(desired.ResourceId);
        var deleted = await provisioner.DeleteAsync(desired.ResourceId);

        Assert.True(refused.Permanent);
        Assert.Contains("was not created for resource", refused.Message, StringComparison.Ordinal);
        Assert.Equal((ObservedPhase.Absent, ObservedPhase.Absent), (observed.Phase, deleted.Phase));
        Assert.True(await server.SuperuserScalar<bool>("select rolcanlogin from pg_roles where rolname = $1", role));
    }

    [Fact]
    public async Task A_database_of_the_derived_name_owned_by_someone_else_is_never_taken_over()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var database = SharedPostgresNames.For("brk_", desired.Department, desired.ResourceId, desired.DatabaseName!).Database;
        await server.SuperuserExecute($"CREATE DATABASE {database}");

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(desired));
        await provisioner.DeleteAsync(desired.ResourceId);

        Assert.True(refused.Permanent);
        Assert.Contains("does not belong to resource", refused.Message, StringComparison.Ordinal);
        Assert.Equal("postgres", await server.SuperuserScalar<string>("select pg_get_userbyid(datdba)::text from pg_database where datname = $1", database));
    }

    [Fact]
    public async Task A_resources_database_name_cannot_change()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database(databaseName: "portal");
        await provisioner.ApplyAsync(desired);

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(desired with { DatabaseName = "renamed" }));

        Assert.True(refused.Permanent);
        Assert.Equal(ObservedPhase.Ready, (await provisioner.ObserveAsync(desired.ResourceId)).Phase);
    }
}
