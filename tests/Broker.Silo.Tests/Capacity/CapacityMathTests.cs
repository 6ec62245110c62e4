using Broker.Contracts.Quotas;
using Broker.Silo.Capacity;

namespace Broker.Silo.Tests.Capacity;

public sealed class CapacityMathTests
{
    private static QuotaVector V(long vcpu, long memory = 0) => new(new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = memory });

    private static PoolFigures Pool(string name, long vcpuFree, long memoryFree, params string[] zones) =>
        new(name, zones, V(100, 1000), V(400, 1000), V(400 - vcpuFree, 1000 - memoryFree), QuotaVector.Empty);

    [Fact]
    public void Allocatable_capacity_is_physical_times_the_overcommit_rounded_down()
    {
        var pool = new CapacityPoolOptions
        {
            Physical = new() { ["vcpu"] = 10, ["memory_gib"] = 512 },
            Overcommit = new() { ["vcpu"] = 2.5 },
        };
        Assert.Equal(V(25, 512), CapacityMath.Allocatable(pool));
    }

    [Fact]
    public void Placement_picks_the_pool_of_the_zone_with_the_most_headroom_and_breaks_ties_by_name()
    {
        PoolFigures[] pools =
        [
            Pool("b-room", 200, 500, "extranet"),
            Pool("a-room", 200, 500, "extranet"),
            Pool("c-room", 390, 990, "internet"),
            Pool("d-room", 50, 900, "extranet"),
        ];

        Assert.Equal("a-room", CapacityMath.Place(pools, "extranet", V(8, 16)));
        Assert.Equal("c-room", CapacityMath.Place(pools, "internet", V(8, 16)));
        Assert.Null(CapacityMath.Place(pools, "dedicated-line", V(1, 1)));
        Assert.Null(CapacityMath.Place(pools, "extranet", V(300, 1)));
    }

    [Fact]
    public void How_many_more_of_a_plan_fit_is_set_by_the_scarcest_dimension()
    {
        var pool = Pool("a", vcpuFree: 40, memoryFree: 100, "extranet");
        Assert.Equal(6, CapacityMath.HowManyFit(pool, V(4, 16)));   // memory: 100 / 16
        Assert.Equal(10, CapacityMath.HowManyFit(pool, V(4, 8)));   // vcpu: 40 / 4
    }

    [Fact]
    public void Overbooking_is_the_sum_of_quotas_over_what_the_pools_can_sell()
    {
        var ratio = CapacityMath.Overbooking(V(800, 500), V(400, 1000));
        Assert.Equal(2.0, ratio["vcpu"]);
        Assert.Equal(0.5, ratio["memory_gib"]);
    }

    [Fact]
    public void A_dimension_runs_out_when_the_trend_plus_the_pipeline_reaches_what_can_be_sold()
    {
        var today = new DateOnly(2026, 11, 30);
        var history = Enumerable.Range(0, 30).Select(d => (today.AddDays(d - 29), 100L + (2L * d))).ToList(); // +2 a day, now 158

        Assert.Equal(today.AddDays(11), CapacityMath.RunsOutOn(history, pipeline: 20, allocatable: 200, today));   // (200-158-20)/2
        Assert.Equal(today, CapacityMath.RunsOutOn(history, pipeline: 50, allocatable: 200, today));              // already over
        var flat = history.Select(h => (h.Item1, 100L)).ToList();
        Assert.Null(CapacityMath.RunsOutOn(flat, pipeline: 10, allocatable: 200, today));
    }
}
