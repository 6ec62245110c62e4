using Broker.Contracts.Capacity;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Capacity;
using Broker.Silo.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Silo.Tests.Capacity;

/// <summary>Holds the room places for an order to commit with its own row: counted at once, never written by the room.</summary>
public sealed class ProvisionalHoldTests(OrderSilo silo) : IClassFixture<OrderSilo>
{
    private static readonly QuotaVector Unit = new(new Dictionary<string, long> { ["vcpu"] = 2, ["memory_gib"] = 4, ["vms"] = 1 });

    private ICapacityGrain Room => silo.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);

    [Fact]
    public async Task A_provisional_hold_counts_at_once_is_never_written_by_the_room_and_is_dropped_after_the_grace_unless_its_row_was_committed()
    {
        var before = await ReservedVcpuAsync();
        var lost = Request("lost");
        var committed = Request("committed");

        Assert.Equal(CapacityOutcome.Placed, (await Room.AdmitProvisionallyAsync(lost)).Outcome);
        var placed = await Room.AdmitProvisionallyAsync(committed);
        await CommitAsync(committed, placed.Pools);
        // The room's own decisions go on writing, but never the provisional holds.
        Assert.Equal(CapacityOutcome.Placed, (await Room.AdmitAsync(Request("ordinary"))).Outcome);

        Assert.Equal(before + 6, await ReservedVcpuAsync());
        Assert.Equal(0, await HoldRowsAsync(lost));
        Assert.Equal(1, await HoldRowsAsync(committed));

        // Past the grace, the next decision settles them against PostgreSQL: the lost one goes, the committed one stays.
        silo.Silo.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(CapacityOutcome.Placed, (await Room.AdmitProvisionallyAsync(Request("next"))).Outcome);

        Assert.Equal(before + 6, await ReservedVcpuAsync());
        Assert.Equal(CapacityOutcome.Placed, (await Room.AdmitProvisionallyAsync(committed)).Outcome); // still held: asked again, same answer
        Assert.Equal(placed.Pools, (await Room.GetPlacementAsync("dept", committed.OrderId))!);
        Assert.Empty((await Room.GetPlacementAsync("dept", lost.OrderId))!);
    }

    [Fact]
    public async Task Withdrawing_a_refused_orders_provisional_hold_gives_it_back_and_writes_nothing()
    {
        var before = await ReservedVcpuAsync();
        var refused = Request("refused");
        await Room.AdmitProvisionallyAsync(refused);
        Assert.Equal(before + 2, await ReservedVcpuAsync());

        await Room.WithdrawAsync("dept", refused.OrderId, refused.ResourceIds);

        Assert.Equal(before, await ReservedVcpuAsync());
        Assert.Equal(0, await HoldRowsAsync(refused));
    }

    private static CapacityRequest Request(string name)
    {
        var order = $"{name}-{Guid.NewGuid():n}"[..20];
        return new CapacityRequest("dept", order, "extranet", ResourceKind.Vm, Unit, [$"{order}-1"]);
    }

    private async Task<long> ReservedVcpuAsync() => (await Room.GetSnapshotAsync()).Pools.Single().Reserved["vcpu"];

    private Task<long> HoldRowsAsync(CapacityRequest request) =>
        silo.CountAsync("select count(*) from broker.capacity_holds where order_id = @order", ("order", request.OrderId));

    /// <summary>What an order's placement commits (with its row, in the department's transaction), without telling the room.</summary>
    private async Task CommitAsync(CapacityRequest request, IReadOnlyDictionary<string, string> pools)
    {
        var now = silo.Silo.Time.GetUtcNow();
        await using var connection = await silo.Silo.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var hold in OrderCapacity.Holds(request, new CapacityAdmission(CapacityOutcome.Placed, pools, null, []), now))
        {
            batch.BatchCommands.Add(CapacityStore.PutHold(hold));
        }

        await batch.ExecuteNonQueryAsync();
    }
}
