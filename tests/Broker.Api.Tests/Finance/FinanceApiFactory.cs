using Broker.Api.Tests.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Tests.Chargeback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// The whole broker with <see cref="FixedStatements"/> registered as its statement engine (the real one lives in the
/// metering work) and the chargeback gauges refreshed every 200 ms.
/// </summary>
public sealed class FinanceApiFactory : BrokerApiFactory
{
    public FixedStatements Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Chargeback:GaugeRefreshInterval", "00:00:00.200");
        builder.ConfigureServices(services => services.AddSingleton<IStatementEngine>(Statements));
    }
}
