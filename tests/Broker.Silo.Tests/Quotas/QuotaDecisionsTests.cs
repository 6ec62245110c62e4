using Broker.Contracts.Quotas;
using Broker.Silo.Quotas;

namespace Broker.Silo.Tests.Quotas;

public sealed class QuotaDecisionsTests
{
    private static QuotaVector V(params (string Dimension, long Amount)[] amounts) =>
        new(amounts.Select(a => KeyValuePair.Create(a.Dimension, a.Amount)));

    [Fact]
    public void Shortfalls_name_every_dimension_that_does_not_fit_and_by_how_much()
    {
        var limits = V(("vcpu", 16), ("memory_gib", 64), ("vms", 4));
        var used = V(("vcpu", 10), ("memory_gib", 10));
        var reserved = V(("vcpu", 4), ("vms", 4));

        var shortfalls = QuotaDecisions.Shortfalls(limits, used, reserved, V(("vcpu", 4), ("memory_gib", 8), ("vms", 1)));

        Assert.Equal(
            [new Shortfall("vcpu", 4, 2, 2), new Shortfall("vms", 1, 0, 1)],
            shortfalls.OrderBy(s => s.Dimension, StringComparer.Ordinal));
    }

    [Fact]
    public void A_request_that_fits_exactly_has_no_shortfall()
    {
        var shortfalls = QuotaDecisions.Shortfalls(V(("vcpu", 8)), V(("vcpu", 3)), V(("vcpu", 1)), V(("vcpu", 4)));
        Assert.Empty(shortfalls);
    }

    [Fact]
    public void A_limit_lowered_below_use_leaves_nothing_available_and_never_a_negative_amount()
    {
        var shortfalls = QuotaDecisions.Shortfalls(V(("vcpu", 2)), V(("vcpu", 6)), QuotaVector.Empty, V(("vcpu", 1)));
        Assert.Equal([new Shortfall("vcpu", 1, 0, 1)], shortfalls);
        Assert.False(QuotaDecisions.WithinLimits(V(("vcpu", 2)), V(("vcpu", 6)), QuotaVector.Empty));
    }

    [Fact]
    public void A_dimension_without_a_limit_has_nothing_available()
    {
        var shortfalls = QuotaDecisions.Shortfalls(V(("vcpu", 8)), QuotaVector.Empty, QuotaVector.Empty, V(("databases", 1)));
        Assert.Equal([new Shortfall("databases", 1, 0, 1)], shortfalls);
    }

    [Fact]
    public void Vectors_drop_zero_amounts_and_compare_by_value()
    {
        Assert.Equal(V(("vcpu", 2)), V(("vcpu", 2), ("vms", 0)));
        Assert.Equal(V(("vcpu", 5), ("vms", 1)), V(("vcpu", 2)).Add(V(("vcpu", 3), ("vms", 1))));
        Assert.True(V(("vcpu", 2)).Subtract(V(("vcpu", 2))).IsEmpty);
    }

    [Fact]
    public void Adding_amounts_that_overflow_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => V(("vcpu", long.MaxValue)).Add(V(("vcpu", 1))));
    }
}
