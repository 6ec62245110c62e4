using Broker.Silo.Tests.Hosting;
using Broker.TestSupport.Postgres;

namespace Broker.Silo.Tests.Resources;

/// <summary>
/// One database and one silo for a test class, whose simulated machine room takes <see cref="RoomDelay"/> of the silo's
/// fake business clock for every change: what is under way stays visible until a test moves the clock.
/// </summary>
public sealed class SlowRoomSiloFixture : IAsyncLifetime
{
    public static readonly TimeSpan RoomDelay = TimeSpan.FromSeconds(5);

    private readonly PostgresDatabaseFixture _database = new();

    public TestSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Silo = await TestSilo.StartAsync(_database.ConnectionString, overrides: new Dictionary<string, string?>
        {
            ["Broker:Provisioning:Simulated:ProvisioningDelay"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }
}
