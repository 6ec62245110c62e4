using Broker.Api.Tests.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Tests.Chargeback;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// The whole broker with <see cref="FixedStatements"/> in place of its statement engine, for the exports and the
/// authorization matrix only: the export tests need lines whose notes hold a comma, quotes and a spreadsheet formula,
/// which the real engine never writes. The views are tested on the real engine (<see cref="RatedFinanceApiFactory"/>).
/// </summary>
public sealed class FinanceApiFactory : BrokerApiFactory
{
    public FixedStatements Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStatementEngine>(Statements));
    }
}
