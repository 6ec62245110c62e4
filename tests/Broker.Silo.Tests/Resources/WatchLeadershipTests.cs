using System.Net;
using Broker.Silo.Resources;

namespace Broker.Silo.Tests.Resources;

/// <summary>Which silo runs the resource watch: every silo decides alike from the same membership.</summary>
public sealed class WatchLeadershipTests
{
    private static readonly SiloAddress Old = SiloAddress.New(IPEndPoint.Parse("10.0.0.2:11111"), 100);
    private static readonly SiloAddress Young = SiloAddress.New(IPEndPoint.Parse("10.0.0.1:11111"), 200);

    [Fact]
    public void The_oldest_active_silo_leads_and_the_others_do_not()
    {
        Assert.True(WatchLeadership.Leads(Old, [Young, Old]));
        Assert.False(WatchLeadership.Leads(Young, [Young, Old]));
    }

    [Fact]
    public void When_the_oldest_silo_leaves_the_next_oldest_takes_over()
    {
        Assert.True(WatchLeadership.Leads(Young, [Young]));
    }

    [Fact]
    public void A_silo_not_yet_listed_as_active_leads_only_when_no_silo_is()
    {
        Assert.True(WatchLeadership.Leads(Young, []));
        Assert.False(WatchLeadership.Leads(Young, [Old]));
    }

    [Fact]
    public void Silos_of_the_same_generation_are_ordered_by_address()
    {
        var a = SiloAddress.New(IPEndPoint.Parse("10.0.0.1:11111"), 100);

        Assert.True(WatchLeadership.Leads(a, [Old, a]) ^ WatchLeadership.Leads(Old, [Old, a]));
    }
}
