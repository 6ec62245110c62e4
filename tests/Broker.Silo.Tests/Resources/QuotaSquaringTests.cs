using Broker.Contracts.Capacity;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Metering;
using static Broker.Silo.Tests.Resources.ResourceStates;

namespace Broker.Silo.Tests.Resources;

public sealed class QuotaSquaringTests
{
    [Fact]
    public void Quota_is_left_held_while_a_resource_is_pending_building_changing_deleting_or_failed()
    {
        var provisioning = Provisioning();
        Assert.Equal(QuotaStep.None, QuotaSquaring.For(Created()));
        Assert.Equal(QuotaStep.None, QuotaSquaring.For(provisioning));
        Assert.Equal(QuotaStep.None, QuotaSquaring.For(Ready().Then(new UpdateStarted(T0, Journal.Vm(4, 8, 40), true))));
        Assert.Equal(QuotaStep.None, QuotaSquaring.For(Ready().Then(new DeletionStarted(T0, "requested"))));
        Assert.Equal(QuotaStep.None, QuotaSquaring.For(provisioning.Then(new ResourceFailed(T0, "boom"))));
    }

    [Fact]
    public void A_ready_or_stopped_resource_commits_at_its_spec_and_a_deleted_one_releases()
    {
        Assert.Equal(QuotaStep.CommitAtSpec, QuotaSquaring.For(Ready()));
        var stopped = Ready().Then(new UpdateStarted(T0, Journal.Vm(2, 4, 40), false), new ResourceBecameStopped(T0));
        Assert.Equal(QuotaStep.CommitAtSpec, QuotaSquaring.For(stopped));
        Assert.Equal(QuotaStep.Release, QuotaSquaring.For(Ready().Then(new DeletionStarted(T0, "requested"), new ResourceDeleted(T0, "deleted"))));
        Assert.Equal(QuotaStep.Release, QuotaSquaring.For(Created().Then(new ResourceDeleted(T0, "order.rejected"))));
    }

    [Fact]
    public void Only_a_first_ready_after_provisioning_commits_its_quota_with_its_journal_rows()
    {
        var provisioning = Provisioning();
        Assert.True(QuotaSquaring.CommitsWith(provisioning, Ready()));
        Assert.False(QuotaSquaring.CommitsWith(Created(), provisioning));
        Assert.False(QuotaSquaring.CommitsWith(provisioning, provisioning.Then(new ResourceFailed(T0, "boom"))));
        // A resize or a start ends in ready too, but its quota was committed long before.
        var updating = Ready().Then(new UpdateStarted(T0, Journal.Vm(4, 8, 40), true));
        Assert.False(QuotaSquaring.CommitsWith(updating, updating.Then(new ResourceBecameReady(T0, new Dictionary<string, string>()))));
    }

    [Fact]
    public void Capacity_is_squared_only_for_a_resource_placed_in_a_pool_and_with_the_vector_asked_for()
    {
        Assert.Null(QuotaSquaring.Capacity(Ready()));

        var placed = Ready(pool: "pool-a");
        var spec = placed.Spec!.Vector;
        Assert.Equal(new ResourceCapacity("dept-a-vm", "pool-a", "dept-a", "order-1", ResourceState.Ready, spec), QuotaSquaring.Capacity(placed));
        var peak = Vector(vcpu: 8);
        Assert.Equal(peak, QuotaSquaring.Capacity(placed, peak)!.Vector);
    }

    [Fact]
    public void A_resize_holds_the_larger_of_both_specs_in_every_dimension()
    {
        var peak = QuotaSquaring.Peak(Vector(vcpu: 2, memory: 16), Vector(vcpu: 4, memory: 8, storage: 10));

        Assert.Equal(Vector(vcpu: 4, memory: 16, storage: 10), peak);
    }

    private static QuotaVector Vector(long vcpu = 0, long memory = 0, long storage = 0) =>
        new(new Dictionary<string, long> { ["vcpu"] = vcpu, ["memory_gib"] = memory, ["storage_gib"] = storage });
}
