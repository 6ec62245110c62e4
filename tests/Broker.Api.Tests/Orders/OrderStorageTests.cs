using Broker.Contracts.Common;
using System.Net;
using Broker.Api.Tests.Hosting;
using Broker.Contracts.Orders;
using Broker.Silo.Audit;
using Broker.Silo.Orders;
using Broker.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace Broker.Api.Tests.Orders;

/// <summary>An order's state lives in its broker.orders row, written with its audit row; reminders only while it must wake.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderStorageTests(BrokerApiFactory broker)
{
    private IGrainFactory Grains => broker.Services.GetRequiredService<IGrainFactory>();

    private OrderStore Store => broker.Services.GetRequiredService<OrderStore>();

    [Fact]
    public async Task An_auto_approved_order_writes_no_reminder_row_while_a_pending_one_keeps_one()
    {
        var s = await SelfService.CreateAsync(broker, "norem", d => d.WithSystem("tax", envelopeVcpu: 2));
        var auto = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        var pending = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        Assert.Equal("approved", (string)auto["state"]!);
        Assert.Equal("pending-approval", (string)pending["state"]!);

        Assert.Equal(0L, await ReminderRowsAsync(s.Code, (string)auto["id"]!));
        Assert.Equal(1L, await ReminderRowsAsync(s.Code, (string)pending["id"]!));
        var (data, version) = await Store.LoadAsync(s.Code, (string)auto["id"]!);
        Assert.True(data!.Settled);
        Assert.Equal(2, version); // the approved state with its audit row, then settled

        // Withdrawn, the pending order needs no waking either: its reminder goes on its next tick (here: at once).
        await s.Member.Send(HttpMethod.Post, $"/api/departments/{s.Code}/orders/{(string)pending["id"]!}/cancel").Expect(HttpStatusCode.OK);
        await Grains.GetOrder(new OrderKey(s.Code, (string)pending["id"]!)).ReconcileAsync();
        Assert.Equal(0L, await ReminderRowsAsync(s.Code, (string)pending["id"]!));
    }

    [Fact]
    public async Task A_version_conflict_fails_loudly_and_writes_no_audit_row()
    {
        // A row of its own, so no live activation shares it.
        var order = Order(HttpTesting.NewCode("conflict"), $"conflict-{Guid.NewGuid():n}");

        await Store.SaveAsync(order, 1, Audit(order, "order.test-first"));
        var conflict = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveAsync(order with { Escalated = true }, 1, Audit(order, "order.test-conflict")));

        Assert.Contains("written by someone else", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await AuditRowsAsync(order.Id, "order.test-first"));
        Assert.Equal(0L, await AuditRowsAsync(order.Id, "order.test-conflict"));
        var (stored, version) = await Store.LoadAsync(order.Department, order.Id);
        Assert.Equal((1L, false), (version, stored!.Escalated));
    }

    [Fact]
    public async Task A_stale_write_among_writes_committed_together_fails_alone_and_the_others_land_with_their_audit_rows()
    {
        var department = HttpTesting.NewCode("group");
        var stale = Order(department, $"stale-{Guid.NewGuid():n}");
        await Store.SaveAsync(stale, 1, Audit(stale, "order.test-first"));
        var fresh = Enumerable.Range(0, 16).Select(i => Order(department, $"fresh{i}-{Guid.NewGuid():n}")).ToList();

        // Queued together, so they share transactions; whichever way they are grouped, only the stale write may fail.
        var writes = fresh.Select(o => Store.SaveAsync(o, 1, Audit(o, "order.test-group"))).ToList();
        var staleWrite = Store.SaveAsync(stale with { Escalated = true }, 1, Audit(stale, "order.test-stale"));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => staleWrite);
        foreach (var order in fresh)
        {
            Assert.Equal(1L, (await Store.LoadAsync(department, order.Id)).Version);
            Assert.Equal(1L, await AuditRowsAsync(order.Id, "order.test-group"));
        }

        Assert.False((await Store.LoadAsync(department, stale.Id)).Data!.Escalated);
        Assert.Equal(0L, await AuditRowsAsync(stale.Id, "order.test-stale"));
    }

    [Fact]
    public async Task An_order_stored_in_orleans_storage_by_an_earlier_version_is_adopted_into_its_row_and_the_legacy_state_cleared()
    {
        var s = await SelfService.CreateAsync(broker, "legacy");
        var id = $"legacy-{Guid.NewGuid():n}";
        var old = Order(s.Code, id);
        var grain = Grains.GetOrder(new OrderKey(s.Code, id));
        var legacy = broker.Services.GetRequiredKeyedService<IGrainStorage>(OrderGrain.StorageName);
        // What an earlier version left: the grain state in orleans_storage, the directory row without data.
        await legacy.WriteStateAsync("order", grain.GetGrainId(), new GrainState<OrderData>(old));
        await ExecuteAsync(
            """
            insert into broker.orders (id, department, system_id, plan_code, sla_tier, quantity, state, waiting_for, escalated, ordered_by, created_at, updated_at)
            values (@id, @department, 'tax', 'vm-small', 'silver', 1, 'approved', null, false, @by, @at, @at)
            """,
            ("id", id), ("department", s.Code), ("by", old.OrderedBy), ("at", old.CreatedAt));

        var view = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{id}").Expect(HttpStatusCode.OK);

        Assert.Equal(("approved", "vm-small", $"{id}-1"), ((string)view["state"]!, (string)view["request"]!["planCode"]!, (string)view["resourceIds"]![0]!));
        var (adopted, version) = await Store.LoadAsync(s.Code, id);
        Assert.Equal((1L, BrokerJson.Serialize(old)), (version, BrokerJson.Serialize(adopted)));
        var after = new GrainState<OrderData>();
        await legacy.ReadStateAsync("order", grain.GetGrainId(), after);
        Assert.False(after.State is { Exists: true });
        var listed = await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders").Expect(HttpStatusCode.OK);
        Assert.Contains(id, listed["items"]!.AsArray().Select(o => (string)o!["id"]!));
    }

    [Fact]
    public async Task The_sweeper_settles_an_order_whose_approval_was_written_but_not_handed_to_its_resources()
    {
        var s = await SelfService.CreateAsync(broker, "sweep", d => d.WithSystem("tax", envelopeVcpu: 1));
        var placed = await s.OrderAsync(SelfService.Vms("tax", 1)).Expect(HttpStatusCode.Created);
        var id = (string)placed["id"]!;
        Assert.All(await s.ResourcesAsync(), r => Assert.Equal("pending-approval", (string)r!["state"]!));

        // As if ApproveAsync wrote the approval and the silo died before the hand-off: the row approved and unsettled,
        // the grain not active.
        var (pending, version) = await Store.LoadAsync(s.Code, id);
        var approved = pending! with
        {
            State = OrderState.Approved,
            Approvals = pending.Approvals.Select(a => a with { Done = true }).ToList(),
            Settled = false,
            UpdatedAt = broker.Time.GetUtcNow(),
        };
        await Store.SaveAsync(approved, version + 1, null);
        await Grains.GetOrder(new OrderKey(s.Code, id)).AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        var sweeper = Grains.GetGrain<IOrderSweeperGrain>(0);
        await sweeper.SweepAsync();
        Assert.False((await Store.LoadAsync(s.Code, id)).Data!.Settled); // within the grace period: left alone

        broker.Time.Advance(OrderSweeperGrain.Grace + TimeSpan.FromSeconds(1));
        Assert.True(await sweeper.SweepAsync() >= 1);

        Assert.True((await Store.LoadAsync(s.Code, id)).Data!.Settled);
        Assert.All(await s.ResourcesAsync(), r => Assert.NotEqual("pending-approval", (string)r!["state"]!));
        Assert.Equal("approved", (string)(await s.Member.Send(HttpMethod.Get, $"/api/departments/{s.Code}/orders/{id}").Expect(HttpStatusCode.OK))["state"]!);
    }

    [Fact]
    public async Task The_silo_registers_the_sweep_reminder_at_start()
    {
        var gid = Grains.GetGrain<IOrderSweeperGrain>(0).GetGrainId().ToString();
        Assert.Equal(1L, await ScalarAsync("select count(*) from orleans_reminders where grain_id = @gid and reminder_name = 'order-sweep'", ("gid", gid)));
    }

    /// <summary>A settled, approved order as an earlier version or another writer might have stored it.</summary>
    private OrderData Order(string department, string id) => new()
    {
        Department = department,
        Id = id,
        Request = new OrderRequest("tax", "vm-small", "silver", 1, "debian-12", null, null, "迁移前的订单"),
        PlanVersion = 1,
        State = OrderState.Approved,
        AutoApproved = true,
        ResourceIds = [$"{id}-1"],
        OrderedBy = $"dept-member@{department}",
        CreatedAt = broker.Time.GetUtcNow(),
        UpdatedAt = broker.Time.GetUtcNow(),
        Settled = true,
    };

    private static AuditEntry Audit(OrderData order, string action) =>
        new(order.UpdatedAt, "test", null, order.Department, "order", order.Id, action, null, "{}", "test");

    private Task<long> ReminderRowsAsync(string code, string id) =>
        ScalarAsync("select count(*) from orleans_reminders where grain_id = @gid", ("gid", Grains.GetOrder(new OrderKey(code, id)).GetGrainId().ToString()));

    private Task<long> AuditRowsAsync(string id, string action) =>
        ScalarAsync("select count(*) from broker.audit_log where object_type = 'order' and object_id = @id and action = @action", ("id", id), ("action", action));

    private async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(broker.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
