using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Metering;
using static Broker.Silo.Tests.Resources.ResourceStates;

namespace Broker.Silo.Tests.Resources;

public sealed class LeasePolicyTests
{
    private static readonly ProvisioningOptions Options = new() { LeaseWarning = TimeSpan.FromDays(7), LeaseGrace = TimeSpan.FromDays(3) };
    private static readonly DateTimeOffset End = T0 + TimeSpan.FromDays(30);

    [Fact]
    public void A_resource_without_a_lease_is_never_touched()
    {
        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(Ready(), DateTimeOffset.MaxValue, Options));
    }

    [Fact]
    public void Before_the_warning_nothing_happens_and_within_it_the_warning_is_given_once()
    {
        var ready = Ready(lease: End);

        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(ready, End - TimeSpan.FromDays(8), Options));
        Assert.Equal(new LeaseDecision(true, LeaseStep.None), LeasePolicy.Decide(ready, End - TimeSpan.FromDays(7), Options));
        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(ready.Then(new LeaseExpiring(T0)), End - TimeSpan.FromDays(1), Options));
    }

    [Fact]
    public void At_the_end_a_ready_vm_is_stopped_and_warned_if_it_never_was()
    {
        var ready = Ready(lease: End);

        Assert.Equal(new LeaseDecision(true, LeaseStep.Stop), LeasePolicy.Decide(ready, End, Options));
        Assert.Equal(new LeaseDecision(false, LeaseStep.Stop), LeasePolicy.Decide(ready.Then(new LeaseExpiring(T0)), End, Options));
    }

    [Fact]
    public void At_the_end_a_database_keeps_running_until_the_grace_has_passed()
    {
        var database = Ready(Journal.Database("db-small"), lease: End).Then(new LeaseExpiring(T0));

        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(database, End + TimeSpan.FromDays(1), Options));
        Assert.Equal(new LeaseDecision(false, LeaseStep.Delete), LeasePolicy.Decide(database, End + TimeSpan.FromDays(3), Options));
    }

    [Fact]
    public void After_the_grace_a_stopped_or_failed_resource_is_deleted()
    {
        var stopped = Ready(lease: End).Then(new LeaseExpiring(T0), new UpdateStarted(T0, Journal.Vm(2, 4, 40), false), new ResourceBecameStopped(T0));
        var failed = Provisioning(lease: End).Then(new LeaseExpiring(T0), new ResourceFailed(T0, "boom"));

        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(stopped, End + TimeSpan.FromDays(1), Options));
        Assert.Equal(new LeaseDecision(false, LeaseStep.Delete), LeasePolicy.Decide(stopped, End + TimeSpan.FromDays(3), Options));
        Assert.Equal(new LeaseDecision(false, LeaseStep.Delete), LeasePolicy.Decide(failed, End + TimeSpan.FromDays(3), Options));
    }

    [Fact]
    public void Resources_pending_approval_or_on_their_way_out_are_left_alone()
    {
        var late = End + TimeSpan.FromDays(100);

        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(Created(lease: End), late, Options));
        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(Ready(lease: End).Then(new DeletionStarted(T0, "requested")), late, Options));
        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(Ready(lease: End).Then(new DeletionStarted(T0, "requested"), new ResourceDeleted(T0, "deleted")), late, Options));
    }

    [Fact]
    public void A_lease_stored_at_the_end_of_the_calendar_is_decided_without_overflowing()
    {
        var forever = Ready(lease: DateTimeOffset.MaxValue);

        Assert.Equal(LeaseDecision.Nothing, LeasePolicy.Decide(forever, T0, Options));
        // Held at the end of the calendar, the end plus the grace is the end itself: at that instant every moment is due.
        Assert.Equal(new LeaseDecision(true, LeaseStep.Delete), LeasePolicy.Decide(forever, DateTimeOffset.MaxValue, Options));
        Assert.Equal(new LeaseDecision(true, LeaseStep.None), LeasePolicy.Decide(forever, DateTimeOffset.MaxValue - TimeSpan.FromDays(1), Options));
    }
}
