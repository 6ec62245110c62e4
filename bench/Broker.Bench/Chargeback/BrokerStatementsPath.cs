using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Broker.Bench.Chargeback;

/// <summary>
/// The broker's own path: a host built with the broker's service registration and silo, the statement engine resolved
/// from it, and one <see cref="IStatementEngine.GetAllAsync"/> for the month.
/// </summary>
public sealed class BrokerStatementsPath : IAsyncDisposable
{
    private readonly IHost _host;

    private BrokerStatementsPath(IHost host) => _host = host;

    public IStatementEngine? Engine => ResolveEngine(_host.Services);

    public static async Task<BrokerStatementsPath> StartAsync(string connectionString)
    {
        var settings = BrokerSettings.For(
            connectionString, Path.Combine(Path.GetTempPath(), "broker-bench-unused.key"), FreePort.Next(), FreePort.Next(), $"bench-{Guid.NewGuid():n}");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBrokerCore(builder.Configuration);
        builder.UseOrleans(silo => silo.AddBrokerSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        var path = new BrokerStatementsPath(host);
        await SeedRateCardAsync(host.Services);
        return path;
    }

    /// <summary>
    /// The rate card in force for the whole year with <see cref="BenchPrices"/>: vCPU-hour, memory GiB-hour and storage
    /// GiB-hour at their prices, SLA multipliers bronze 0.8, silver 1.0, gold 1.5, no database or O&amp;M fees (the
    /// generated systems are not registered), so the engine's totals must equal the floor's.
    /// </summary>
    private static Task SeedRateCardAsync(IServiceProvider services)
    {
        // LEAD: wire to the engine — seed the rate card through the rating feature's own store once it is merged.
        _ = services;
        return Task.CompletedTask;
    }

    /// <summary>The engine as the broker registers it; null while metering is not merged into this copy.</summary>
    private static IStatementEngine? ResolveEngine(IServiceProvider services) =>
        // LEAD: wire to the engine — nothing else to change here if AddBrokerCore registers IStatementEngine.
        services.GetService<IStatementEngine>();

    public async Task<Dictionary<string, decimal>> RunAsync(MonthWindow month)
    {
        var engine = Engine ?? throw new InvalidOperationException("No statement engine is registered.");
        var statements = await engine.GetAllAsync(month.Period);
        return statements.ToDictionary(s => s.Department, s => s.Total, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
