using System.Net;
using Broker.Silo.Hosting;

namespace Broker.Silo.Tests.Hosting;

/// <summary>Which silos were just declared dead, and which survivor resumes their work.</summary>
public sealed class SiloLossTests
{
    private static readonly SiloAddress Old = SiloAddress.New(IPEndPoint.Parse("10.0.0.2:11111"), 100);
    private static readonly SiloAddress Young = SiloAddress.New(IPEndPoint.Parse("10.0.0.1:11111"), 200);
    private static readonly SiloAddress Lost = SiloAddress.New(IPEndPoint.Parse("10.0.0.3:11111"), 50);

    [Fact]
    public void A_silo_listed_dead_for_the_first_time_is_a_loss_and_one_known_dead_is_not()
    {
        (SiloAddress, SiloStatus)[] members = [(Old, SiloStatus.Active), (Young, SiloStatus.Active), (Lost, SiloStatus.Dead)];

        Assert.Equal([Lost], SiloLoss.NewlyDead(new HashSet<SiloAddress>(), members));
        Assert.Empty(SiloLoss.NewlyDead(new HashSet<SiloAddress> { Lost }, members));
    }

    [Fact]
    public void A_silo_only_suspected_or_shutting_down_is_not_a_loss_yet()
    {
        Assert.Empty(SiloLoss.NewlyDead(new HashSet<SiloAddress>(), [(Old, SiloStatus.Active), (Lost, SiloStatus.ShuttingDown)]));
    }

    [Fact]
    public void The_oldest_active_survivor_resumes_and_the_others_do_not()
    {
        (SiloAddress, SiloStatus)[] members = [(Old, SiloStatus.Active), (Young, SiloStatus.Active), (Lost, SiloStatus.Dead)];

        // The lost silo was the oldest of all: leadership passes to the oldest of those still active.
        Assert.True(SiloLoss.Resumes(Old, [Lost], members));
        Assert.False(SiloLoss.Resumes(Young, [Lost], members));
    }

    [Fact]
    public void Without_a_loss_nobody_resumes()
    {
        Assert.False(SiloLoss.Resumes(Old, [], [(Old, SiloStatus.Active)]));
    }
}
