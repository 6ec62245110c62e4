using Broker.Silo.Namespaces;

namespace Broker.Silo.Tests.Namespaces;

public sealed class ReconcileSpreadTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_department_first_passes_one_interval_from_now_plus_its_own_offset_within_it()
    {
        var due = ReconcileSpread.FirstDue("housing-fund", Interval);

        Assert.InRange(due, Interval, Interval * 2 - TimeSpan.FromTicks(1));
        Assert.Equal(due, ReconcileSpread.FirstDue("housing-fund", Interval));
    }

    [Fact]
    public void Two_hundred_departments_onboarded_together_spread_over_the_interval()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => ReconcileSpread.FirstDue($"dept-{i:000}", Interval) - Interval).ToList();

        // Ten equal slices of the interval: none empty and none holding more than twice its share.
        var perSlice = offsets.GroupBy(o => (int)(o / (Interval / 10))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, perSlice.Count);
        Assert.All(perSlice.Values, count => Assert.InRange(count, 1, 40));
    }
}
