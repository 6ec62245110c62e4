using System.Net.Http.Headers;
using Broker.Api.Identity;
using Broker.Silo.Hosting;
using Broker.TestSupport.Hosting;
using Broker.TestSupport.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Api.Tests.Hosting;

/// <summary>
/// The whole broker in-process: the real Program, a co-hosted silo on private ports, a fresh database, and a
/// signing key of its own so tests can mint tokens for any role.
/// </summary>
public class BrokerApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"broker-test-{Guid.NewGuid():n}.key");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>The test database as a superuser: for set-up and for inspecting what the broker wrote.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>What the broker under test connects with; the test database's own unless <see cref="BrokerRoleAsync"/> says otherwise.</summary>
    public string BrokerConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        BrokerConnectionString = await BrokerRoleAsync(_database.ConnectionString);
        _ = Services; // start the host (and the silo) now, not inside the first test
    }

    /// <summary>Sets up the role the broker connects as and returns its connection string (by default the fixture's own).</summary>
    protected virtual Task<string> BrokerRoleAsync(string database) => Task.FromResult(database);

    Task IAsyncLifetime.DisposeAsync() => DisposeFixtureAsync();

    /// <summary>Stops the host, then drops its database and key (a subclass disposes what it added first).</summary>
    public virtual async Task DisposeFixtureAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        File.Delete(_keyFile);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in BrokerSettings.For(BrokerConnectionString, _keyFile, FreePort.Next(), FreePort.Next(), $"api-test-{Guid.NewGuid():n}"))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // Business time only: Orleans and ASP.NET keep the real clock for their own timers.
        builder.ConfigureServices(services => services.AddSingleton(new BrokerClock(Time)));
    }

    public string Token(string role, string? department = null, string? subject = null)
    {
        var options = new AuthOptions { SigningKeyFile = _keyFile };
        // Token lifetimes are checked against the real clock, not the test clock.
        return new TokenIssuer(options, SigningKey.LoadOrCreate(_keyFile), TimeProvider.System)
            .Issue(subject ?? $"{role}@{department ?? "platform"}", role, department);
    }

    /// <summary>The key the broker under test trusts, for tests that forge tokens it should refuse.</summary>
    public Microsoft.IdentityModel.Tokens.SymmetricSecurityKey SigningKeyForTests() => SigningKey.LoadOrCreate(_keyFile);

    public HttpClient As(string role, string? department = null, string? subject = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, department, subject));
        return client;
    }

    public HttpClient Anonymous() => CreateClient();
}
