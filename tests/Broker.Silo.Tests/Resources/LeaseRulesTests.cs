using Broker.Silo.Resources;

namespace Broker.Silo.Tests.Resources;

public sealed class LeaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TenYears = TimeSpan.FromDays(3653);

    [Fact]
    public void A_lease_end_with_an_offset_is_the_same_instant_in_utc()
    {
        var (end, error) = LeaseRules.Check(new DateTimeOffset(2027, 6, 30, 0, 0, 0, TimeSpan.FromHours(8)), Now, TenYears);

        Assert.Null(error);
        Assert.Equal(new DateTimeOffset(2027, 6, 29, 16, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.Zero, end!.Value.Offset);
    }

    [Fact]
    public void A_lease_end_now_or_before_or_past_the_horizon_is_refused_naming_lease_end()
    {
        Assert.Equal("lease.in-the-past", LeaseRules.Check(Now, Now, TenYears).Error?.Code);
        Assert.Equal("lease.out-of-range", LeaseRules.Check(DateTimeOffset.MaxValue, Now, TenYears).Error?.Code);
        var beyond = LeaseRules.Check(Now + TenYears + TimeSpan.FromSeconds(1), Now, TenYears).Error;
        Assert.Equal(("lease.out-of-range", "leaseEnd", "2036-11-02T01:00:00Z"), (beyond?.Code, beyond?.Field, beyond?.Detail));
        Assert.Null(LeaseRules.Check(Now + TenYears, Now, TenYears).Error);
        Assert.Equal((null, null), LeaseRules.Check(null, Now, TenYears));
    }

    [Fact]
    public void Shifting_near_the_ends_of_the_calendar_holds_there_instead_of_throwing()
    {
        Assert.Equal(DateTimeOffset.MaxValue, LeaseRules.Shift(DateTimeOffset.MaxValue.AddDays(-1), TimeSpan.FromDays(7)));
        Assert.Equal(DateTimeOffset.MinValue, LeaseRules.Shift(DateTimeOffset.MinValue.AddDays(1), TimeSpan.FromDays(-7)));
        Assert.Equal(Now.AddDays(7), LeaseRules.Shift(Now, TimeSpan.FromDays(7)));
    }
}
