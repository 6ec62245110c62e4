using Broker.Bench.Hosting;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Broker.Bench.Chargeback;

/// <summary>
/// The broker's own path: a host built with the broker's service registration and silo, the statement engine resolved
/// from it, and one <see cref="IStatementEngine.GetAllAsync"/> for the month.
/// </summary>
public sealed class BrokerStatementsPath : IAsyncDisposable
{
    private readonly IHost _host;

    private BrokerStatementsPath(IHost host) => _host = host;

    public IStatementEngine Engine => ResolveEngine(_host.Services);

    public static async Task<BrokerStatementsPath> StartAsync(string connectionString)
    {
        // The statement cache off: the three timed runs must each compute the month, not read the first one's answer.
        var host = await BenchBroker.StartAsync(connectionString, settings => settings["Broker:Metering:OpenStatementMaxAge"] = "00:00:00");
        var path = new BrokerStatementsPath(host);
        await SeedRateCardAsync(host.Services);
        return path;
    }

    /// <summary>
    /// The rate card in force for the whole year with <see cref="BenchPrices"/>, written through the rating feature's own
    /// store: vCPU-hour and memory GiB-hour at their prices while running, storage per GiB-month charged while stopped
    /// too, SLA multipliers bronze 0.8, silver 1.0, gold 1.5, no database or meter prices and no O&amp;M (the generated
    /// systems are not registered), so the engine's totals must equal the floor's.
    /// </summary>
    private static async Task SeedRateCardAsync(IServiceProvider services)
    {
        var prices = new RateCardPrices(
            BenchPrices.VcpuHour, BenchPrices.MemoryGibHour, BenchPrices.StorageGibMonth, ["storage"],
            new Dictionary<string, decimal>(), new Dictionary<string, MeterPrice>(), BenchPrices.Multipliers);
        var draft = new RateCardDraft(new DateOnly(2026, 1, 1), null, prices, "benchmark: the generated year is in the past");
        var clock = services.GetRequiredService<BrokerClock>();
        var (card, closed) = await services.GetRequiredService<RateCardStore>().CreateAsync(draft, "bench", "bench-chargeback", clock.GetUtcNow());
        if (card is null)
        {
            throw new InvalidOperationException($"The bench database has a closed month ({closed}); the rate card cannot start before it.");
        }
    }

    /// <summary>The engine exactly as the broker registers it (AddBrokerCore, through AddBrokerMetering).</summary>
    private static IStatementEngine ResolveEngine(IServiceProvider services) => services.GetRequiredService<IStatementEngine>();

    public async Task<Dictionary<string, decimal>> RunAsync(MonthWindow month)
    {
        var statements = await Engine.GetAllAsync(month.Period);
        return statements.ToDictionary(s => s.Department, s => s.Total, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
