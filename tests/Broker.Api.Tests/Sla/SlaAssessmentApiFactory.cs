using System.Net;
using Broker.Api.Tests.Finance;
using Broker.Api.Tests.Hosting;
using Broker.Silo.Sla;
using Broker.Silo.Tests.Sla;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// The whole broker on its real statement engine (ledger intervals written by the tests, 1.00 CNY per vCPU-hour), with
/// measured attainment as the tests set it (<see cref="SetAttainmentSource"/>, the input the measurement provides) and a
/// card version carrying the credit schedule for silver. Open statements are not cached, so a figure a test sets
/// is on the next read.
/// </summary>
public sealed class SlaAssessmentApiFactory : RatedFinanceApiFactory
{
    private readonly SemaphoreSlim _card = new(1, 1);
    private bool _carded;

    public SetAttainmentSource Attainment { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Broker:Metering:OpenStatementMaxAge", "00:00:00");
        builder.ConfigureServices(services => services.AddSingleton<IAttainmentSource>(Attainment));
    }

    /// <summary>The credit schedule on a new card version from January (it wins over the base card as the higher version), once.</summary>
    public async Task EnsureCreditCardAsync()
    {
        await _card.WaitAsync();
        try
        {
            if (_carded)
            {
                return;
            }

            await As("finance").Send(HttpMethod.Post, "/api/finance/rate-cards", new
            {
                effectiveFrom = "2026-01-01",
                backdatingReason = "SLA tests: credits from January",
                prices = new
                {
                    vcpuHour = VcpuHour,
                    memoryGibHour = 0m,
                    storageGibMonth = 0m,
                    slaCredits = new Dictionary<string, object[]>
                    {
                        ["silver"] = [new { belowTargetBy = 0m, percent = 10m }, new { belowTargetBy = 0.5m, percent = 25m }, new { belowTargetBy = 1m, percent = 50m }],
                    },
                },
            }).Expect(HttpStatusCode.Created);
            _carded = true;
        }
        finally
        {
            _card.Release();
        }
    }

    public override async Task DisposeFixtureAsync()
    {
        _card.Dispose();
        await base.DisposeFixtureAsync();
    }
}
