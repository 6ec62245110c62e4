using Broker.Contracts.Catalog;
using Broker.Silo.Metering;
using Broker.Silo.Sla;
using static Broker.Silo.Tests.Sla.Shanghai;

namespace Broker.Silo.Tests.Sla;

/// <summary>
/// Attainment cases computed by hand. November 2026 (Asia/Shanghai) has 30 days (43,200 minutes around the clock) and
/// 21 working days (10,080 minutes of 5x8). Every resource here was ready since October unless said otherwise.
/// </summary>
public sealed class AttainmentCalculatorTests
{
    private static readonly TierTarget Bronze = new("bronze", 99.5m, ServiceHours.BusinessHours);
    private static readonly TierTarget Silver = new("silver", 99.9m, ServiceHours.AroundTheClock);
    private static readonly TimeRange November = new(new BillingMonth(2026, 11).Start, new BillingMonth(2026, 11).End);
    private static readonly TimeSpan Lead = TimeSpan.FromHours(72);

    private static ResourceHistory Resource(string tier, LifecycleStep[]? steps = null, AvailabilityChange[]? observed = null, string id = "r1") =>
        new(id, "dept", "portal", "vm-small", tier, "simulated", "ext-a", steps ?? [new LifecycleStep(At(10, 15, 9), "ready")], observed ?? []);

    private static Incident Incident(string id, DateTimeOffset start, DateTimeOffset? end, bool planned = false, DateTimeOffset? announced = null,
        string[]? resources = null, string[]? pools = null, string[]? backends = null) =>
        new(id, start, end, planned, announced, $"incident {id}", resources ?? [], pools ?? [], backends ?? [], "operator", start, start);

    private static ResourceAttainment Measure(ResourceHistory resource, TierTarget tier, Incident[]? incidents = null, ServiceCalendar? calendar = null) =>
        AttainmentCalculator.Measure(resource, tier, incidents ?? [], November, calendar ?? ServiceCalendar.Plain, Lead)!;

    [Fact]
    public void An_outage_across_a_working_day_boundary_counts_only_its_working_hours_for_5x8()
    {
        // Down Monday 16:30, back Tuesday 09:45: 30 minutes on Monday and 45 on Tuesday.
        var attainment = Measure(Resource("bronze", observed: [new(At(11, 2, 16, 30), false, "host down"), new(At(11, 3, 9, 45), true)]), Bronze);

        Assert.Equal(10_080, attainment.ServiceMinutes);
        Assert.Equal(75, attainment.DownMinutes);
        Assert.Equal(99.256m, attainment.AttainedPercent); // 100 × 10,005 / 10,080 = 99.2559…
        Assert.False(attainment.Met);
        var outage = Assert.Single(attainment.Outages);
        Assert.Equal((At(11, 2, 16, 30), At(11, 3, 9, 45), 75L, "observed", "host down"), (outage.Start, outage.End, outage.CountedMinutes, outage.Source, outage.Description));
    }

    [Fact]
    public void An_outage_on_a_public_holiday_does_not_count_and_one_on_a_make_up_working_day_does()
    {
        var calendar = new ServiceCalendar([new DateOnly(2026, 11, 11)], [new DateOnly(2026, 11, 14)]);
        var attainment = Measure(
            Resource("bronze", observed:
            [
                new(At(11, 11, 10), false), new(At(11, 11, 12), true), // Wednesday, a holiday: 0
                new(At(11, 14, 10), false), new(At(11, 14, 12), true), // Saturday, worked: 120
            ]),
            Bronze,
            calendar: calendar);

        Assert.Equal(10_080, attainment.ServiceMinutes); // 21 working days − 1 holiday + 1 make-up day
        Assert.Equal(120, attainment.DownMinutes);
        Assert.Equal(98.810m, attainment.AttainedPercent); // 100 × 9,960 / 10,080 = 98.8095…
        Assert.Equal([0L, 120L], attainment.Outages.Select(o => o.CountedMinutes));
    }

    [Fact]
    public void Planned_maintenance_announced_in_time_is_excluded_and_announced_too_late_counts()
    {
        var inTime = Incident("m1", At(11, 10, 2), At(11, 10, 4), planned: true, announced: At(11, 5, 10), pools: ["ext-a"]);
        // Announced 38 hours ahead, under the 72 hours required.
        var late = Incident("m2", At(11, 20, 2), At(11, 20, 3), planned: true, announced: At(11, 18, 12), pools: ["ext-a"]);

        var attainment = Measure(Resource("silver"), Silver, [inTime, late]);

        Assert.Equal(43_200, attainment.ServiceMinutes);
        Assert.Equal(60, attainment.DownMinutes);
        Assert.Equal(99.861m, attainment.AttainedPercent); // 100 × 43,140 / 43,200 = 99.8611…
        Assert.False(attainment.Met);
        Assert.Collection(
            attainment.Outages,
            m => Assert.Equal(("m1", true, 0L, 120L), (m.IncidentId, m.Planned, m.CountedMinutes, (long)(m.End - m.Start).TotalMinutes)),
            m => Assert.Equal(("m2", true, 60L, "incident"), (m.IncidentId, m.Planned, m.CountedMinutes, m.Source)));
    }

    [Fact]
    public void A_vm_its_department_stopped_is_not_unavailable_and_its_stopped_time_is_no_service_time()
    {
        LifecycleStep[] steps =
        [
            new(At(10, 15, 9), "ready"),
            new(At(11, 10, 0), "updating", Running: false), // stop requested
            new(At(11, 10, 0, 1), "stopped"),
            new(At(11, 12, 0), "updating", Running: true), // start requested: still stopped until ready
            new(At(11, 12, 0, 2), "ready"),
        ];
        var wholePlatform = Incident("p1", At(11, 11, 0), At(11, 11, 1));

        var attainment = Measure(Resource("silver", steps, observed: [new(At(11, 11, 5), false), new(At(11, 11, 6), true)]), Silver, [wholePlatform]);

        Assert.Equal(43_200 - 2_882, attainment.ServiceMinutes); // stopped from 10 Nov 00:00 to 12 Nov 00:02
        Assert.Equal(0, attainment.DownMinutes);
        Assert.Equal(100m, attainment.AttainedPercent);
        Assert.True(attainment.Met);
        Assert.Empty(attainment.Outages);
    }

    [Fact]
    public void Overlapping_observed_outages_failures_and_incidents_are_counted_once()
    {
        LifecycleStep[] steps =
        [
            new(At(10, 15, 9), "ready"),
            new(At(11, 5, 11, 20), "failed"),
            new(At(11, 5, 11, 25), "provisioning"), // a retry: still down
            new(At(11, 5, 11, 40), "ready"),
        ];
        Incident[] incidents =
        [
            Incident("i1", At(11, 5, 10, 30), At(11, 5, 11, 30), resources: ["r1"]),
            Incident("i2", At(11, 5, 11, 15), At(11, 5, 11, 20), backends: ["simulated"]),
            Incident("other", At(11, 5, 9), At(11, 5, 12), resources: ["r2"], pools: ["ext-b"], backends: ["kubernetes"]),
        ];

        var attainment = Measure(Resource("silver", steps, observed: [new(At(11, 5, 10), false), new(At(11, 5, 11), true)]), Silver, incidents);

        // 10:00 (probe) to 11:40 (ready again): one outage of 100 minutes, not 60 + 60 + 5 + 20.
        Assert.Equal(100, attainment.DownMinutes);
        Assert.Equal(99.769m, attainment.AttainedPercent); // 100 × 43,100 / 43,200 = 99.7685…
        var outage = Assert.Single(attainment.Outages);
        Assert.Equal((At(11, 5, 10), At(11, 5, 11, 40), "incident", "i1"), (outage.Start, outage.End, outage.Source, outage.IncidentId));
    }

    [Fact]
    public void Figures_are_clipped_to_the_resources_life_and_an_open_outage_ends_with_it()
    {
        LifecycleStep[] steps =
        [
            new(At(11, 15, 23), "provisioning"),
            new(At(11, 16, 0), "ready"),
            new(At(11, 21, 0), "deleting"),
            new(At(11, 21, 0, 3), "deleted"),
        ];
        var attainment = Measure(Resource("silver", steps, observed: [new(At(11, 20, 23), false)]), Silver, [Incident("open", At(11, 20, 23, 30), null, resources: ["r1"])]);

        Assert.Equal(5 * 1440, attainment.ServiceMinutes);
        Assert.Equal(60, attainment.DownMinutes);
        Assert.Null(AttainmentCalculator.Measure(Resource("silver", steps), Silver, [], new TimeRange(At(11, 22, 0), At(11, 23, 0)), ServiceCalendar.Plain, Lead));
    }

    [Fact]
    public void A_quarter_is_made_of_its_three_months_minutes_not_measured_again()
    {
        AvailabilityChange[] observed =
        [
            new(At(10, 20, 3), false), new(At(10, 20, 3, 30), true), // October: 30 minutes
            new(At(12, 24, 22), false), new(At(12, 24, 23), true), // December: 60 minutes
        ];
        var resource = Resource("silver", [new LifecycleStep(At(9, 1, 9), "ready")], observed);
        var months = new[] { new BillingMonth(2026, 10), new BillingMonth(2026, 11), new BillingMonth(2026, 12) }
            .Select(m => (IReadOnlyList<ResourceAttainment>)[AttainmentCalculator.Measure(resource, Silver, [], new TimeRange(m.Start, m.End), ServiceCalendar.Plain, Lead)!])
            .ToList();

        Assert.Equal([44_640L, 43_200L, 44_640L], months.Select(m => m[0].ServiceMinutes));
        Assert.Equal([30L, 0L, 60L], months.Select(m => m[0].DownMinutes));
        var quarter = Assert.Single(AttainmentFolds.Over(months));
        Assert.Equal(132_480, quarter.ServiceMinutes);
        Assert.Equal(90, quarter.DownMinutes);
        Assert.Equal(99.932m, quarter.AttainedPercent); // 100 × 132,390 / 132,480 = 99.9320…
        Assert.True(quarter.Met);
        Assert.Equal(2, quarter.Outages.Count);
        Assert.True(AttainmentPeriod.TryParse("2026-Q4", out var q4));
        Assert.Equal([new BillingMonth(2026, 10), new BillingMonth(2026, 11), new BillingMonth(2026, 12)], q4.Months);
    }

    [Fact]
    public void Groups_sum_their_resources_minutes_so_a_longer_service_weighs_more()
    {
        var a = Measure(Resource("silver", observed: [new(At(11, 5, 10), false), new(At(11, 5, 10, 50), true)], id: "a"), Silver);
        var b = Measure(Resource("bronze", id: "b"), Bronze);

        var platform = Assert.Single(AttainmentFolds.By(AttainmentFolds.Platform, [a, b]));
        Assert.Equal((53_280L, 50L, 2, 1), (platform.ServiceMinutes, platform.DownMinutes, platform.Resources, platform.ResourcesMet));
        Assert.Equal(99.906m, platform.AttainedPercent); // 100 × 53,230 / 53,280 = 99.9061…
        var tiers = AttainmentFolds.By(AttainmentFolds.Tier, [a, b]);
        Assert.Equal([("bronze", 99.5m), ("silver", 99.9m)], tiers.Select(t => (t.Key, t.TargetPercent!.Value)));
    }
}
