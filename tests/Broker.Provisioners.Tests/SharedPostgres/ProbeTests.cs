using Broker.TestSupport.Hosting;
using static Broker.Provisioners.Tests.SharedPostgres.PasswordPostgres;

namespace Broker.Provisioners.Tests.SharedPostgres;

/// <summary>
/// The SLA's availability probe of a shared-PostgreSQL database: a real connection to the database itself, on a server
/// that checks passwords, so that a database closed to connections or a server gone is seen as down.
/// </summary>
[Collection(PasswordPostgresCollection.Name)]
public sealed class ProbeTests(PasswordPostgres server)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_database_that_takes_connections_is_up_and_one_closed_to_them_is_down_until_it_opens_again()
    {
        await using var provisioner = server.Provisioner();
        var desired = Database();
        var database = (await provisioner.ApplyAsync(desired)).Outputs["database"];

        Assert.Equal((true, (string?)null), ToTuple(await provisioner.ProbeAsync(desired.ResourceId, Timeout)));

        await server.SuperuserExecute($"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        var closed = await provisioner.ProbeAsync(desired.ResourceId, Timeout);
        Assert.False(closed.Up);
        Assert.Contains("55000", closed.Detail, StringComparison.Ordinal); // object_not_in_prerequisite_state: not accepting connections

        await server.SuperuserExecute($"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        Assert.True((await provisioner.ProbeAsync(desired.ResourceId, Timeout)).Up);
    }

    [Fact]
    public async Task A_missing_database_and_an_unreachable_server_are_down_without_throwing()
    {
        await using var provisioner = server.Provisioner();
        Assert.False((await provisioner.ProbeAsync(NewId(), Timeout)).Up);

        await using var unreachable = server.Provisioner(adminConnectionString: $"Host=127.0.0.1;Port={FreePort.Next()};Username=broker_admin;Password=x;Timeout=2");
        var gone = await unreachable.ProbeAsync(NewId(), Timeout);
        Assert.False(gone.Up);
        Assert.Contains("could not be reached", gone.Detail, StringComparison.Ordinal);
    }

    private static (bool, string?) ToTuple(Broker.Provisioners.SharedPostgres.DatabaseProbeResult r) => (r.Up, r.Detail);
}
