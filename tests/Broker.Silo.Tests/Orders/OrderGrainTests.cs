using Broker.Contracts.Capacity;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Orders;

/// <summary>The order grain on a real silo and PostgreSQL: what it answers, when, and what it leaves written.</summary>
public sealed class OrderGrainTests(OrderSilo silo) : IClassFixture<OrderSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Placing_answers_once_the_decision_is_durable_before_any_resource_exists_and_progress_follows_to_ready()
    {
        var code = await silo.DepartmentAsync();
        var id = OrderSilo.NewOrderId();
        var order = silo.Grains.GetOrder(new OrderKey(code, id));

        OrderResult placed;
        await using (await silo.HoldHandOffsAsync())
        {
            placed = await order.PlaceAsync(OrderSilo.Vms(2), OrderSilo.Member);

            Assert.Null(placed.Error);
            Assert.Equal(OrderState.Approved, placed.Order!.State);
            Assert.Equal(new OrderProgress(OrderPhase.Placed, 0, 2), placed.Order.Progress);
            // The decision is on record (the order, its quota, its capacity, the envelope's allocations); no resource is.
            Assert.Equal(1, await silo.CountAsync("select count(*) from broker.orders where department = @d and id = @id", ("d", code), ("id", id)));
            Assert.Equal(2, await silo.CountAsync("select count(*) from broker.capacity_holds where order_id = @id", ("id", id)));
            Assert.Equal(4, (await silo.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!.Reserved["vcpu"]);
            Assert.Equal(0, await silo.CountAsync("select count(*) from broker.resources where order_id = @id", ("id", id)));
            Assert.Equal(2, await silo.CountAsync("select count(*) from broker.system_allocations where department = @d", ("d", code)));
            // Reads answer while the hand-off waits.
            Assert.Equal(OrderPhase.Placed, (await order.GetAsync().WaitAsync(Deadline))!.Progress!.State);
        }

        // The hand-off goes on by itself: every resource created, approved and building; the envelope counts them.
        var provisioning = await Eventually(order.GetAsync, o => o!.Progress!.State == OrderPhase.Provisioning, Deadline);
        Assert.Equal(new OrderProgress(OrderPhase.Provisioning, 0, 2), provisioning!.Progress);
        Assert.Equal(2, await silo.CountAsync("select count(*) from broker.system_allocations where department = @d", ("d", code)));
        var system = (await silo.Grains.GetSystem(new SystemKey(code, OrderSilo.Vms(2).SystemId)).GetAsync())!;
        Assert.Equal(4, system.Allocated["vcpu"]);

        // The machine room takes an hour; then both are built and the order is ready. The clock moves on each try: a
        // resource counts as provisioning once its creation is recorded, which may be a moment before the room has it,
        // and the room's hour starts from then.
        foreach (var resource in placed.Order.ResourceIds)
        {
            await Eventually(
                async () =>
                {
                    silo.Silo.Time.Advance(TimeSpan.FromHours(2));
                    return (await silo.Grains.GetGrain<IResourceGrain>(resource).ReconcileAsync())?.State == ResourceState.Ready;
                },
                Deadline);
        }

        Assert.Equal(new OrderProgress(OrderPhase.Ready, 2, 2), (await order.GetAsync())!.Progress);
    }

    [Fact]
    public async Task A_replay_answers_the_first_answer_at_once_while_the_hand_off_still_waits()
    {
        var code = await silo.DepartmentAsync();
        var order = silo.Grains.GetOrder(new OrderKey(code, OrderSilo.NewOrderId()));

        await using (await silo.HoldHandOffsAsync())
        {
            var first = await order.PlaceAsync(OrderSilo.Vms(1), OrderSilo.Member);
            var replay = await order.PlaceAsync(OrderSilo.Vms(1), OrderSilo.Member).WaitAsync(Deadline);
            var other = await order.PlaceAsync(OrderSilo.Vms(2), OrderSilo.Member).WaitAsync(Deadline);

            Assert.False(first.Replayed);
            Assert.True(replay.Replayed);
            Assert.Equal(first.Order, replay.Order);
            Assert.Equal("order.id-reused", other.Error!.Code);
            Assert.Equal(1, (await silo.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!.Reserved["vms"]);
        }

        await Eventually(order.GetAsync, o => o!.Progress!.State == OrderPhase.Provisioning, Deadline);
    }

    [Fact]
    public async Task A_refused_order_leaves_no_row_no_reservation_no_capacity_hold_and_no_audit()
    {
        var code = await silo.DepartmentAsync(new QuotaVector(new Dictionary<string, long> { ["vcpu"] = 3, ["memory_gib"] = 64, ["storage_gib"] = 1000, ["vms"] = 10 }));
        var id = OrderSilo.NewOrderId();
        var room = silo.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.RoomKey);
        var before = (await room.GetSnapshotAsync()).Pools.Single().Reserved;

        var refused = await silo.Grains.GetOrder(new OrderKey(code, id)).PlaceAsync(OrderSilo.Vms(2), OrderSilo.Member);

        Assert.Equal("quota.exceeded", refused.Error!.Code);
        Assert.Null(await silo.Grains.GetOrder(new OrderKey(code, id)).GetAsync());
        Assert.Equal(0, await silo.CountAsync("select count(*) from broker.orders where department = @d", ("d", code)));
        Assert.Equal(0, await silo.CountAsync("select count(*) from broker.capacity_holds where order_id = @id", ("id", id)));
        Assert.Equal(0, await silo.CountAsync("select count(*) from broker.audit_log where object_type = 'order' and object_id = @id", ("id", id)));
        Assert.Equal(0, (await silo.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!.Reserved["vcpu"]);
        Assert.Equal(before, (await room.GetSnapshotAsync()).Pools.Single().Reserved);
        Assert.Equal(0, await silo.CountAsync("select count(*) from broker.resources where order_id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_order_row_its_audit_row_its_capacity_holds_its_envelope_allocations_and_its_quota_reservation_are_written_in_one_transaction()
    {
        var code = await silo.DepartmentAsync();
        var id = OrderSilo.NewOrderId();

        await using (await silo.HoldHandOffsAsync())
        {
            Assert.Null((await silo.Grains.GetOrder(new OrderKey(code, id)).PlaceAsync(OrderSilo.Vms(3), OrderSilo.Member)).Error);

            // xmin: the transaction that wrote each row. Nothing has rewritten these rows yet (the hand-off waits).
            var transactions = await silo.TextsAsync("""
                select xmin::text from broker.orders where department = @d and id = @id
                union all select xmin::text from broker.audit_log where object_type = 'order' and object_id = @id
                union all select xmin::text from broker.capacity_holds where order_id = @id
                union all select xmin::text from broker.department_journal where department = @d and type = 'reservation.held'
                union all select xmin::text from broker.system_allocations where department = @d
                union all select xmin::text from broker.audit_log where department = @d and action = 'system.allocated'
                """, ("d", code), ("id", id));

            Assert.Equal(1 + 1 + 3 + 3 + 3 + 3, transactions.Count);
            Assert.Single(transactions.Distinct());
        }
    }

    [Fact]
    public async Task A_resource_first_ready_and_its_quota_commit_are_written_in_one_transaction()
    {
        var code = await silo.DepartmentAsync();
        var placed = await silo.Grains.GetOrder(new OrderKey(code, OrderSilo.NewOrderId())).PlaceAsync(OrderSilo.Vms(1), OrderSilo.Member);
        var resource = placed.Order!.ResourceIds.Single();
        await Eventually(
            async () =>
            {
                silo.Silo.Time.Advance(TimeSpan.FromHours(2));
                return (await silo.Grains.GetGrain<IResourceGrain>(resource).ReconcileAsync())?.State == ResourceState.Ready;
            },
            Deadline);

        // xmin: the transaction that wrote each row. The ready event, its audit row, the directory row saying ready, the
        // reservation's commit and its audit row: one transaction, so the quota is committed exactly when the resource is ready.
        var transactions = await silo.TextsAsync("""
            select xmin::text from broker.resource_events where resource_id = @r and type = 'resource.ready'
            union all select xmin::text from broker.audit_log where object_type = 'resource' and object_id = @r and action = 'resource.ready'
            union all select xmin::text from broker.resources where id = @r and state = 'ready'
            union all select xmin::text from broker.department_journal where department = @d and type = 'reservation.committed' and payload->>'id' = @r
            union all select xmin::text from broker.audit_log where object_type = 'reservation' and object_id = @r and action = 'reservation.committed'
            """, ("d", code), ("r", resource));

        Assert.Equal(5, transactions.Count);
        Assert.Single(transactions.Distinct());
        Assert.Equal(1, (await silo.Grains.GetGrain<IDepartmentGrain>(code).GetQuotaAsync())!.Used["vms"]);
    }
}
