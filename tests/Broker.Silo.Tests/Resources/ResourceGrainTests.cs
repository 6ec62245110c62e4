using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Tests.Hosting;
using Broker.Silo.Tests.Metering;
using Broker.Silo.Tests.Tenancy;

namespace Broker.Silo.Tests.Resources;

/// <summary>
/// The resource grain on a real silo and database, with the simulated machine room on the silo's fake business clock:
/// a change takes the room's provisioning delay (5 s) of that clock, so the tests move the clock and reconcile, and
/// nothing depends on real time passing.
/// </summary>
public sealed class ResourceGrainTests(SlowRoomSiloFixture fixture) : IClassFixture<SlowRoomSiloFixture>
{
    private readonly TestSilo _silo = fixture.Silo;

    [Fact]
    public async Task An_approved_resource_is_built_and_its_quota_moves_from_reserved_to_used_once_it_is_ready()
    {
        var (code, resource) = await VmAsync("ready");

        var building = (await resource.GetAsync())!;
        Assert.Equal(ResourceState.Provisioning, building.State);
        Assert.Equal("simulated", building.Backend);
        Assert.True(building.Simulated);
        Assert.Equal(2, (await QuotaAsync(code)).Reserved["vcpu"]);

        var ready = await SettleAsync(resource);

        Assert.Equal(ResourceState.Ready, ready.State);
        Assert.NotEmpty(ready.Outputs);
        var quota = await QuotaAsync(code);
        Assert.Equal(2, quota.Used["vcpu"]);
        Assert.Equal(0, quota.Reserved["vcpu"]);
    }

    [Fact]
    public async Task A_resize_holds_the_larger_spec_while_it_is_applied_and_then_counts_the_new_one()
    {
        var (code, resource) = await VmAsync("resize");
        await SettleAsync(resource);
        var larger = Journal.Vm(4, 8, 40, plan: "vm-medium");

        var resizing = await resource.ResizeAsync(larger, Departments.Admin);

        Assert.Null(resizing.Error);
        Assert.Equal(ResourceState.Updating, resizing.Resource!.State);
        var ready = await SettleAsync(resource);
        Assert.Equal(ResourceState.Ready, ready.State);
        Assert.Equal("vm-medium", ready.Spec.PlanCode);
        Assert.Equal(4, (await QuotaAsync(code)).Used["vcpu"]);
    }

    [Fact]
    public async Task A_resize_beyond_the_quota_is_refused_and_changes_nothing()
    {
        var (code, resource) = await VmAsync("resize-full");
        var before = await SettleAsync(resource);

        var refused = await resource.ResizeAsync(Journal.Vm(64, 8, 40, plan: "vm-huge"), Departments.Admin);

        Assert.Equal("quota.exceeded", refused.Error?.Code);
        Assert.Equal(before.Seq, (await resource.GetAsync())!.Seq);
        Assert.Equal(2, (await QuotaAsync(code)).Used["vcpu"]);
    }

    [Fact]
    public async Task A_vm_stops_and_starts_again()
    {
        var (_, resource) = await VmAsync("power");
        await SettleAsync(resource);

        Assert.Equal(ResourceState.Updating, (await resource.StopAsync(Departments.Admin)).Resource!.State);
        Assert.Equal(ResourceState.Stopped, (await SettleAsync(resource)).State);
        Assert.Null((await resource.StopAsync(Departments.Admin)).Error);

        Assert.Equal(ResourceState.Updating, (await resource.StartAsync(Departments.Admin)).Resource!.State);
        Assert.Equal(ResourceState.Ready, (await SettleAsync(resource)).State);
    }

    [Fact]
    public async Task Deleting_releases_the_quota_once_the_backend_confirms_the_resource_is_gone()
    {
        var (code, resource) = await VmAsync("delete");
        await SettleAsync(resource);

        Assert.Equal(ResourceState.Deleting, (await resource.DeleteAsync(Departments.Admin)).Resource!.State);
        Assert.Equal(2, (await QuotaAsync(code)).Used["vcpu"]);

        Assert.Equal(ResourceState.Deleted, (await SettleAsync(resource)).State);
        var quota = await QuotaAsync(code);
        Assert.Equal(0, quota.Used["vcpu"]);
        Assert.Equal(0, quota.Reserved["vcpu"]);
        var department = _silo.Grains.GetGrain<Contracts.Tenancy.IDepartmentGrain>(code);
        Assert.Equal(ReservationState.Released, (await department.GetReservationAsync($"{code}-vm", ReservationOwner.System))!.State);
    }

    [Fact]
    public async Task Cancelling_a_resource_still_pending_approval_releases_its_quota_without_touching_a_backend()
    {
        var (code, resource) = await VmAsync("cancel", approved: false);
        Assert.Equal(ResourceState.PendingApproval, (await resource.GetAsync())!.State);

        var cancelled = await resource.CancelAsync("order.rejected", Departments.Admin);

        Assert.Equal(ResourceState.Deleted, cancelled.Resource!.State);
        Assert.Equal("order.rejected", cancelled.Resource.FailureReason);
        Assert.Equal(0, (await QuotaAsync(code)).Reserved["vcpu"]);
    }

    [Fact]
    public async Task A_lease_warns_then_stops_the_vm_at_its_end_then_deletes_it_after_the_grace_as_the_clock_moves()
    {
        var end = _silo.Time.GetUtcNow() + TimeSpan.FromDays(10);
        var (code, resource) = await VmAsync("lease", lease: end);
        await SettleAsync(resource);
        var sweeper = _silo.Grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key);

        // Seven days before the end (the default warning): flagged, still running.
        _silo.Time.SetUtcNow(end - TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync();
        var warned = (await resource.GetAsync())!;
        Assert.True(warned.LeaseExpiring);
        Assert.Equal(ResourceState.Ready, warned.State);

        // At the end: stopped.
        _silo.Time.SetUtcNow(end + TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync();
        Assert.Equal(ResourceState.Updating, (await resource.GetAsync())!.State);
        Assert.Equal(ResourceState.Stopped, (await SettleAsync(resource)).State);
        Assert.Equal(2, (await QuotaAsync(code)).Used["vcpu"]);

        // After the grace (seven more days): deleted, and its quota given back.
        _silo.Time.SetUtcNow(end + TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync();
        Assert.Equal(ResourceState.Deleting, (await resource.GetAsync())!.State);
        Assert.Equal(ResourceState.Deleted, (await SettleAsync(resource)).State);
        Assert.Equal(0, (await QuotaAsync(code)).Used["vcpu"]);
    }

    [Fact]
    public async Task A_moved_lease_is_refused_in_the_past_and_accepted_ahead_without_touching_the_backend()
    {
        var (_, resource) = await VmAsync("lease-move");
        var ready = await SettleAsync(resource);

        var past = await resource.ExtendLeaseAsync(_silo.Time.GetUtcNow() - TimeSpan.FromHours(1), Departments.Admin);
        Assert.Equal("lease.in-the-past", past.Error?.Code);
        Assert.Equal(ready.Seq, (await resource.GetAsync())!.Seq);

        var ahead = _silo.Time.GetUtcNow() + TimeSpan.FromDays(30);
        var moved = await resource.ExtendLeaseAsync(ahead.ToOffset(TimeSpan.FromHours(8)), Departments.Admin);
        Assert.Null(moved.Error);
        Assert.Equal(ahead, moved.Resource!.LeaseEnd);
        Assert.Equal(TimeSpan.Zero, moved.Resource.LeaseEnd!.Value.Offset);
        Assert.Equal(ResourceState.Ready, moved.Resource.State);
    }

    /// <summary>A department with room for a few VMs and one 2-core VM in it, its quota held as an order would hold it.</summary>
    private async Task<(string Code, IResourceGrain Resource)> VmAsync(string prefix, bool approved = true, DateTimeOffset? lease = null)
    {
        var code = Departments.NewCode(prefix);
        var id = $"{code}-vm";
        var spec = Journal.Vm(2, 4, 40);
        var department = await Departments.CreateAsync(_silo.Grains, code, Limits);
        Assert.True((await department.ReserveAsync(Departments.Request(id, spec.Vector, TimeSpan.FromDays(7)), ReservationOwner.System, Departments.Admin)).Granted);
        var resource = _silo.Grains.GetGrain<IResourceGrain>(id);
        var created = await resource.CreateAsync(new ResourceCreation(code, "core", "order-1", "extranet", spec, lease, approved), Departments.Admin);
        Assert.Null(created.Error);
        return (code, resource);
    }

    /// <summary>Lets the machine room finish what it was asked (its delay, on the fake clock), then reconciles once.</summary>
    private async Task<ResourceView> SettleAsync(IResourceGrain resource)
    {
        _silo.Time.Advance(SlowRoomSiloFixture.RoomDelay);
        return (await resource.ReconcileAsync())!;
    }

    private async Task<QuotaView> QuotaAsync(string code) =>
        (await _silo.Grains.GetGrain<Contracts.Tenancy.IDepartmentGrain>(code).GetQuotaAsync())!;

    private static readonly QuotaVector Limits = new(new Dictionary<string, long>
    {
        ["vcpu"] = 16,
        ["memory_gib"] = 64,
        ["storage_gib"] = 500,
        ["vms"] = 4,
    });
}
