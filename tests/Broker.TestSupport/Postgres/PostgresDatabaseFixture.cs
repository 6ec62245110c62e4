using Npgsql;
using Xunit;

namespace Broker.TestSupport.Postgres;

/// <summary>
/// xunit class fixture: one fresh database on the shared <see cref="PostgresServer"/> per test
/// class, dropped after the class has run. Use with <c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresServer? server;
    private string? connectionString;

    /// <summary>Connection string of this test class's database.</summary>
    public string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The fixture has not been initialized yet.");

    /// <summary>The shared server the database lives on.</summary>
    public PostgresServer Server =>
        server ?? throw new InvalidOperationException("The fixture has not been initialized yet.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        server = await PostgresServer.GetAsync();
        connectionString = await server.CreateDatabaseAsync("test");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is null || connectionString is null)
        {
            return;
        }

        try
        {
            await server.DropDatabaseAsync(connectionString);
        }
        catch (NpgsqlException)
        {
            // Only housekeeping: a throwaway server is deleted at exit anyway, and a failure here
            // must not turn the class's passing tests into a failure.
        }
    }
}
