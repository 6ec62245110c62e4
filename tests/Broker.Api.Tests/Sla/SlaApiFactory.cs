using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// A broker of its own for the SLA tests: they move business time by the minute and probe on demand, so the background
/// probe and gauge refresh are slowed to once an hour (real time) to keep out of the way, and nothing else moves the clock.
/// </summary>
public sealed class SlaApiFactory : BrokerApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Sla:ProbePeriod", "01:00:00");
        builder.UseSetting("Broker:Sla:GaugeRefreshInterval", "01:00:00");
        builder.UseSetting("Broker:Sla:MaintenanceLeadTime", "3.00:00:00");
    }
}

[CollectionDefinition(Name)]
public sealed class SlaCollection : ICollectionFixture<SlaApiFactory>
{
    public const string Name = "broker-sla";
}
