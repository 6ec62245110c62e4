using Broker.Silo.Hosting;
using Broker.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Broker.Silo.Tests.Hosting;

/// <summary>
/// A real silo on a real database, wired exactly as the broker wires it (<see cref="BrokerSiloExtensions"/>), with a
/// controllable clock. Restartable on the same database to prove what survives.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, FakeTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="services">Adds test-only services (an alongside writer, say) after the broker's own.</param>
    public static async Task<TestSilo> StartAsync(
        string connectionString, FakeTimeProvider? time = null, IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var settings = BrokerSettings.For(connectionString, Path.Combine(Path.GetTempPath(), "broker-test-unused.key"), FreePort.Next(), FreePort.Next(), $"silo-test-{Guid.NewGuid():n}");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new BrokerClock(time));
        builder.Services.AddBrokerCore(builder.Configuration);
        builder.UseOrleans(silo => silo.AddBrokerSilo(builder.Configuration));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, time);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
