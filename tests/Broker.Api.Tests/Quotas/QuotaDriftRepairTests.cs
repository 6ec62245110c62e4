using System.Net;
using System.Text.Json.Nodes;
using Broker.Api.Tests.Hosting;
using Broker.Api.Tests.Orders;
using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Tenancy;
using Broker.Silo.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Api.Tests.Quotas;

/// <summary>
/// The quota pass of every resource sweep: a department's system-owned reservations that differ from its live resources
/// are repaired once the difference is stable, with an audit row and <c>broker_quota_drift_repaired_total</c>.
/// The drift is made by calling the department grain as the system owner would, wrongly.
/// </summary>
// A broker of its own: these orders would otherwise fill the shared test machine room for the collection's other tests.
public sealed class QuotaDriftRepairTests(BrokerApiFactory broker) : IClassFixture<BrokerApiFactory>
{
    private static readonly Actor Wrong = Actor.System("test:drift");

    private IGrainFactory Grains => broker.Services.GetRequiredService<IGrainFactory>();

    private IResourceSweeperGrain Sweeper => Grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key);

    [Fact]
    public async Task Lost_resized_and_orphaned_use_is_repaired_audited_and_counted_by_the_sweep_once_stable()
    {
        var s = await SelfService.CreateAsync(broker, "drift", d => d.WithSystem("tax"));
        await s.OrderAsync(SelfService.Vms("tax", 2)).Expect(HttpStatusCode.Created);
        await s.ReconcileAllAsync(broker);
        var ids = (await s.ResourcesAsync("ready")).Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal).ToList();
        var department = Grains.GetGrain<IDepartmentGrain>(s.Code);
        var vcpu4 = new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 4 });

        // A running VM's use lost, another's changed, and use committed for a resource that never existed.
        Assert.Null((await department.ReleaseAsync(ids[0], ReservationOwner.System, Wrong)).Error);
        Assert.Null((await department.ResizeAsync(ids[1], vcpu4, ReservationOwner.System, Wrong)).Error);
        Assert.True((await department.ReserveAsync(new ReservationRequest("ghost-1", vcpu4, TimeSpan.FromHours(1)), ReservationOwner.System, Wrong)).Granted);
        Assert.Null((await department.CommitAsync("ghost-1", ReservationOwner.System, Wrong)).Error);
        Assert.Equal(8, await s.UsedAsync("vcpu"));
        Assert.Equal(0, await s.UsedAsync("vms")); // the resize to a bare vCPU vector dropped the second VM's count too
        var counted = Counts(s.Code);

        // Within the grace it may be an order or resize between its steps: left alone.
        await Sweeper.SweepAsync();
        Assert.Equal(8, await s.UsedAsync("vcpu"));

        broker.Time.Advance(TimeSpan.FromMinutes(6));
        await Sweeper.SweepAsync();

        Assert.Equal(4, await s.UsedAsync("vcpu"));
        Assert.Equal(2, await s.UsedAsync("vms"));
        Assert.Equal(0, SelfService.Figure(await s.QuotaAsync(), "vcpu", "reserved"));
        await s.AssertQuotaMatchesResourcesAsync();
        Assert.Equal(
            [("restored", 1.0), ("resized", 1.0), ("released", 1.0)],
            Counts(s.Code).Select((c, i) => (c.Repair, c.Value - counted[i].Value)));

        var audit = (await s.DeptAdmin.Send(HttpMethod.Get, $"/api/departments/{s.Code}/audit?objectType=reservation&limit=200").Expect(HttpStatusCode.OK))["items"]!.AsArray()
            .Where(r => (string)r!["action"]! == "quota.drift-repaired").ToDictionary(r => (string)r!["objectId"]!);
        Assert.Equal(["ghost-1", ids[0], ids[1]], audit.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("released", "committed", "restored"), Change(audit[ids[0]]!));
        Assert.Equal(("committed", "committed", "resized"), Change(audit[ids[1]]!));
        Assert.Equal(2, audit[ids[1]]!["after"]!["reservation"]!["vector"]!["vcpu"]!.GetValue<long>());
        Assert.Equal(("committed", "released", "released"), Change(audit["ghost-1"]!));
        Assert.All(audit.Values, r => Assert.Equal("system:broker", (string)r!["actor"]!));

        // Repaired once: the next sweep finds nothing to do.
        var repaired = Counts(s.Code);
        broker.Time.Advance(TimeSpan.FromMinutes(6));
        await Sweeper.SweepAsync();
        Assert.Equal(repaired, Counts(s.Code));
        Assert.Equal(4, await s.UsedAsync("vcpu"));
        Assert.Equal(3, (await s.DeptAdmin.Send(HttpMethod.Get, $"/api/departments/{s.Code}/audit?objectType=reservation&limit=200").Expect(HttpStatusCode.OK))["items"]!
            .AsArray().Count(r => (string)r!["action"]! == "quota.drift-repaired"));
    }

    [Fact]
    public async Task The_repair_is_counted_in_the_prometheus_series_by_department_and_repair()
    {
        var s = await SelfService.CreateAsync(broker, "drift-metric");
        var department = Grains.GetGrain<IDepartmentGrain>(s.Code);
        var vcpu2 = new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 2 });
        Assert.True((await department.ReserveAsync(new ReservationRequest("ghost-1", vcpu2, TimeSpan.FromHours(1)), ReservationOwner.System, Wrong)).Granted);
        Assert.Null((await department.CommitAsync("ghost-1", ReservationOwner.System, Wrong)).Error);

        broker.Time.Advance(TimeSpan.FromMinutes(6));
        await Sweeper.SweepAsync();

        Assert.Equal(0, await s.UsedAsync("vcpu"));
        var text = await broker.As("metrics-reader").GetStringAsync("/metrics");
        Assert.Contains($"broker_quota_drift_repaired_total{{department=\"{s.Code}\",repair=\"released\"}} 1", text);
    }

    private static (string Before, string After, string Reason) Change(JsonNode row) =>
        ((string)row["before"]!["state"]!, (string)row["after"]!["reservation"]!["state"]!, (string)row["after"]!["reason"]!);

    private static List<(string Repair, double Value)> Counts(string department) =>
        new[] { "restored", "resized", "released" }.Select(r => (r, BrokerMetrics.QuotaDriftRepaired.WithLabels(department, r).Value)).ToList();
}
