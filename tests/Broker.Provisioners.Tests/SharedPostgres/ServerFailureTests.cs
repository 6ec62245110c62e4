using Broker.Provisioners.Contract;
using Broker.TestSupport.Hosting;
using Npgsql;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

[Collection(PasswordPostgresCollection.Name)]
public sealed class ServerFailureTests(PasswordPostgres server)
{
    [Fact]
    public async Task An_unreachable_server_is_a_transient_failure()
    {
        var nobodyListens = $"Host=127.0.0.1;Port={FreePort.Next()};Username=broker_admin;Password=x;Timeout=5";
        await using var provisioner = server.Provisioner(adminConnectionString: nobodyListens);

        var failure = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ApplyAsync(Database()));

        Assert.False(failure.Permanent);
        Assert.StartsWith("Shared PostgreSQL: apply of 'o", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_admin_password_is_a_transient_failure_that_names_the_sqlstate_but_not_the_password()
    {
        var wrongPassword = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Password = "Wr0ngAdminPassword" }.ConnectionString;
        await using var provisioner = server.Provisioner(adminConnectionString: wrongPassword);

        var failure = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.ObserveAsync(NewId()));

        Assert.False(failure.Permanent);
        Assert.Contains("28P01", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ngAdminPassword", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_asked_for_before_the_database_exists_are_refused_for_now()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var database = (await provisioner.ApplyAsync(desired)).Outputs["database"];
        await server.SuperuserExecute($"DROP DATABASE {database}");

        var refused = await Assert.ThrowsAsync<ProvisionerException>(() => provisioner.IssueCredentialsAsync(desired.ResourceId));

        Assert.False(refused.Permanent);
        Assert.Contains("not created yet", refused.Message, StringComparison.Ordinal);
    }
}
