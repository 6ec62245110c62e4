using Broker.Silo.Resources;

namespace Broker.Silo.Tests.Resources;

public sealed class ObserveBackoffTests
{
    [Fact]
    public void Observations_start_soon_and_double_up_to_the_interval()
    {
        var backoff = new ObserveBackoff(new ProvisioningOptions { FirstObserveDelay = TimeSpan.FromMilliseconds(100), ObserveInterval = TimeSpan.FromMilliseconds(500) });

        Assert.True(backoff.Restart());
        var delays = new List<TimeSpan> { backoff.Current };
        while (backoff.Lengthen())
        {
            delays.Add(backoff.Current);
        }

        Assert.Equal([100, 200, 400, 500], delays.Select(d => d.TotalMilliseconds));
        Assert.False(backoff.Lengthen());
    }

    [Fact]
    public void New_work_restarts_the_backoff_and_says_so_only_when_the_delay_changed()
    {
        var backoff = new ObserveBackoff(new ProvisioningOptions { FirstObserveDelay = TimeSpan.FromMilliseconds(100), ObserveInterval = TimeSpan.FromSeconds(1) });
        backoff.Restart();

        Assert.False(backoff.Restart());
        backoff.Lengthen();
        Assert.True(backoff.Restart());
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Current);
    }

    [Fact]
    public void A_first_delay_that_is_not_shorter_than_the_interval_is_the_interval()
    {
        var interval = TimeSpan.FromSeconds(1);

        Assert.Equal(interval, new ObserveBackoff(new ProvisioningOptions { FirstObserveDelay = TimeSpan.Zero, ObserveInterval = interval }).First);
        Assert.Equal(interval, new ObserveBackoff(new ProvisioningOptions { FirstObserveDelay = TimeSpan.FromSeconds(5), ObserveInterval = interval }).First);
    }
}
