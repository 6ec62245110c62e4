using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Silo.Diagnostics;
using Broker.Silo.Sla;
using Microsoft.Extensions.DependencyInjection;
using static Broker.TestSupport.Polling;

namespace Broker.Api.Tests.Sla;

/// <summary>
/// Availability measured end to end: a real VM of the simulated room, a host outage injected by an operator, the probe
/// seeing it go down and come back, and the attainment (and the gauges) dropping by exactly those minutes.
/// </summary>
[Collection(SlaCollection.Name)]
public sealed class SlaMeasurementTests(SlaApiFactory broker)
{
    private AvailabilityProbe Probe => broker.Services.GetRequiredService<AvailabilityProbe>();

    [Fact]
    public async Task An_injected_host_outage_lowers_the_month_by_exactly_its_minutes_and_an_overlapping_incident_adds_only_what_lies_outside_it()
    {
        var s = await SelfService.CreateAsync(broker, "sla-e2e", d => d.WithSystem("portal"));
        await s.OrderAsync(SelfService.Vms("portal", 1, tier: "silver")).Expect(HttpStatusCode.Created);
        var vm = await Eventually(
            async () =>
            {
                await s.ReconcileAllAsync(broker);
                return await s.ResourcesAsync("ready");
            },
            ready => ready.Count == 1,
            TimeSpan.FromSeconds(30));
        var id = (string)vm[0]!["id"]!;
        var host = (string)vm[0]!["outputs"]!["host"]!;

        broker.Time.Advance(TimeSpan.FromMinutes(60));
        await Probe.ProbeAsync(); // up, as the journal says: nothing to write
        var outageStart = broker.Time.GetUtcNow();
        await s.Operator.Send(HttpMethod.Post, "/api/platform/sla/simulated-outages", new { target = host, minutes = 30 }).Expect(HttpStatusCode.Created);
        Assert.Equal(1, await Probe.ProbeAsync()); // down
        broker.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await Probe.ProbeAsync()); // still down: no row
        broker.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, await Probe.ProbeAsync()); // back
        broker.Time.Advance(TimeSpan.FromMinutes(90));

        var month = await AttainmentAsync(s, id);
        Assert.Equal(180, (long)month["serviceMinutes"]!); // ready for three hours of a 7x24 tier
        Assert.Equal(30, (long)month["downMinutes"]!);
        Assert.Equal(83.333m, (decimal)month["attainedPercent"]!); // 100 × 150 / 180
        Assert.False((bool)month["met"]!);
        var outage = Assert.Single(month["outages"]!.AsArray());
        Assert.Equal(outageStart, (DateTimeOffset)outage!["start"]!);
        Assert.Equal(outageStart.AddMinutes(30), (DateTimeOffset)outage["end"]!);
        Assert.Equal("observed", (string)outage["source"]!);
        Assert.Contains(host, (string)outage["description"]!, StringComparison.Ordinal);

        // An incident from 15 minutes into the outage to 15 minutes after it: only the 15 minutes beyond count more.
        await s.Operator.Send(HttpMethod.Post, "/api/platform/sla/incidents", new
        {
            start = outageStart.AddMinutes(15),
            end = outageStart.AddMinutes(45),
            planned = false,
            description = "主机故障 host failure",
            resources = new[] { id },
        }).Expect(HttpStatusCode.Created);
        month = await AttainmentAsync(s, id);
        Assert.Equal(45, (long)month["downMinutes"]!);
        var merged = Assert.Single(month["outages"]!.AsArray());
        Assert.Equal(("incident", 45L), ((string)merged!["source"]!, (long)merged["countedMinutes"]!));

        await broker.Services.GetRequiredService<SlaGaugeService>().RefreshAsync(CancellationToken.None);
        Assert.Equal(45, BrokerMetrics.SlaDownMinutes.WithLabels(s.Code, "silver").Value);
        Assert.Equal(180, BrokerMetrics.SlaServiceMinutes.WithLabels(s.Code, "silver").Value);
        Assert.Equal(1, BrokerMetrics.SlaResourcesMissed.WithLabels(s.Code, "silver").Value);

        // The same figures folded: the department as a whole, and the quarter made of its months.
        var department = await broker.As("finance").Send(HttpMethod.Get, $"/api/platform/sla/attainment?period=2026-Q4&scope=department&department={s.Code}")
            .Expect(HttpStatusCode.OK);
        var figure = Assert.Single(department["figures"]!.AsArray());
        Assert.Equal((180L, 45L, 1, 0), ((long)figure!["serviceMinutes"]!, (long)figure["downMinutes"]!, (int)figure["resources"]!, (int)figure["resourcesMet"]!));
    }

    [Fact]
    public async Task A_stopped_vm_is_not_down_while_its_host_is()
    {
        var s = await SelfService.CreateAsync(broker, "sla-stop", d => d.WithSystem("lab"));
        await s.OrderAsync(SelfService.Vms("lab", 1, tier: "silver")).Expect(HttpStatusCode.Created);
        var vm = await Eventually(async () => await s.ResourcesAsync("ready"), ready => ready.Count == 1, TimeSpan.FromSeconds(30));
        var id = (string)vm[0]!["id"]!;
        broker.Time.Advance(TimeSpan.FromMinutes(10));
        var before = await AttainmentAsync(s, id);
        Assert.Equal(10, (long)before["serviceMinutes"]!);

        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/resources/{id}/stop").Expect(HttpStatusCode.OK);
        await Eventually(async () => await s.ResourcesAsync("stopped"), stopped => stopped.Count == 1, TimeSpan.FromSeconds(30));
        await s.Operator.Send(HttpMethod.Post, "/api/platform/sla/simulated-outages", new { target = (string)vm[0]!["outputs"]!["host"]!, minutes = 30 })
            .Expect(HttpStatusCode.Created);
        broker.Time.Advance(TimeSpan.FromMinutes(30));
        await Probe.ProbeAsync(); // a stopped VM is not probed

        var after = await AttainmentAsync(s, id);
        Assert.Equal((long)before["serviceMinutes"]!, (long)after["serviceMinutes"]!);
        Assert.Equal(0, (long)after["downMinutes"]!);
        Assert.Empty(after["outages"]!.AsArray());
    }

    private async Task<JsonNode> AttainmentAsync(SelfService s, string id)
    {
        var report = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/sla/attainment?period=2026-11").Expect(HttpStatusCode.OK);
        Assert.Equal("resource", (string)report["scope"]!);
        return report["resources"]!.AsArray().Single(r => (string)r!["resourceId"]! == id)!;
    }
}
