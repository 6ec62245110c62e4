using Broker.TestSupport.Postgres;

namespace Broker.Silo.Tests.Hosting;

/// <summary>One database and one silo for a test class; tests use their own department codes.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public TestSilo Silo { get; private set; } = null!;

    public string ConnectionString => _database.ConnectionString;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Silo = await TestSilo.StartAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }
}
