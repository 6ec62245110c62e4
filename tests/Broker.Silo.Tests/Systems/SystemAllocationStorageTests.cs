using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Broker.Silo.Systems;
using Broker.Silo.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Broker.Silo.Tests.Systems.SystemBuilders;
using static Broker.Silo.Tests.Tenancy.Departments;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Systems;

/// <summary>Allocations as rows of their own in <c>broker.system_allocations</c> (migration 0011), not in the system's state.</summary>
public sealed class SystemAllocationStorageTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private IGrainFactory Grains => fixture.Silo.Grains;

    private AuditLog Audit => fixture.Silo.Services.GetRequiredService<AuditLog>();

    [Fact]
    public async Task An_allocation_is_one_row_with_one_audit_row_and_leaves_the_systems_row_as_it_was()
    {
        var (department, id, grain) = await ApprovedSystemAsync(Grains, V(vcpu: 16, memory: 64));
        var systemRow = await SystemRowAsync(department, id);

        await grain.AllocateAsync("order-1", V(vcpu: 4, memory: 16));
        await grain.AllocateAsync("order-1", V(vcpu: 4, memory: 16));
        await grain.AllocateAsync("order-2", V(vcpu: 2));

        Assert.Equal(systemRow, await SystemRowAsync(department, id));
        Assert.Equal(
            [("order-1", V(vcpu: 4, memory: 16)), ("order-2", V(vcpu: 2))],
            (await AllocationRowsAsync(department, id)).Select(r => (r.AllocationId, r.Vector)));
        Assert.Equal(V(vcpu: 6, memory: 16), (await grain.GetAsync())!.Allocated);

        await grain.DeallocateAsync("order-1");
        await grain.DeallocateAsync("order-1");

        Assert.Equal(systemRow, await SystemRowAsync(department, id));
        Assert.Equal(["order-2"], (await AllocationRowsAsync(department, id)).Select(r => r.AllocationId));
        var audit = await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id));
        Assert.Equal(["order-1", "order-2"], audit.Where(a => a.Action == "system.allocated").Select(a => a.CorrelationId).Order());
        var deallocated = Assert.Single(audit, a => a.Action == "system.deallocated");
        Assert.Equal(2, deallocated.After!.Value.GetProperty("allocated").GetProperty("vcpu").GetInt64());
        Assert.Equal(4, deallocated.After!.Value.GetProperty("vector").GetProperty("vcpu").GetInt64());
    }

    [Fact]
    public async Task Allocations_are_loaded_from_their_table_when_the_system_is_activated_again()
    {
        var time = fixture.Silo.Time;
        string department, id;
        await using (var first = await TestSilo.StartAsync(fixture.ConnectionString, time))
        {
            ISystemGrain grain;
            (department, id, grain) = await ApprovedSystemAsync(first.Grains, V(vcpu: 16, memory: 64));
            await grain.AllocateAsync("order-1", V(vcpu: 4, memory: 16));
            await grain.AllocateAsync("order-2", V(vcpu: 8, memory: 16));
            await grain.DeallocateAsync("order-1");
        }

        // A row the restarted silo can only know from the table: proof that activation reads it.
        await ExecuteAsync(
            "insert into broker.system_allocations values (@d, @i, 'order-3', '{\"vcpu\": 1}', now())", ("d", department), ("i", id));

        await using var second = await TestSilo.StartAsync(fixture.ConnectionString, time);
        var again = second.Grains.GetSystem(new SystemKey(department, id));
        Assert.Equal(V(vcpu: 9, memory: 16), (await again.GetAsync())!.Allocated);
        Assert.True((await again.CheckOrderAsync(V(vcpu: 7))).WithinEnvelope);
        Assert.False((await again.CheckOrderAsync(V(vcpu: 8))).WithinEnvelope);

        // Still idempotent across activations: the same id again adds no row and no audit row.
        await again.AllocateAsync("order-2", V(vcpu: 8, memory: 16));
        await again.DeallocateAsync("order-1");
        Assert.Equal(["order-2", "order-3"], (await AllocationRowsAsync(department, id)).Select(r => r.AllocationId));
        var actions = (await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id))).Select(a => a.Action).ToList();
        Assert.Equal((2, 1), (actions.Count(a => a == "system.allocated"), actions.Count(a => a == "system.deallocated")));
    }

    [Fact]
    public async Task Migration_0011_moves_allocations_out_of_an_old_state_and_the_grain_counts_them()
    {
        var (department, source, _) = await ApprovedSystemAsync(Grains, V(vcpu: 16, memory: 64));
        // A system as an older broker stored it: its allocations inside the state JSON, one with its audit row.
        const string legacy = "legacy";
        var allocatedAt = new DateTimeOffset(2026, 10, 3, 9, 30, 0, TimeSpan.Zero);
        await ExecuteAsync("""
            insert into broker.systems (department, id, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version, state, created_at, updated_at)
            select department, @legacy, name, category, om_tier, status, network_zone, sharing_scope, on_shared_cloud, version,
                   jsonb_set(state, '{allocations}', '{"order-a": {"vcpu": 4, "memory_gib": 16}, "order-b": {"vcpu": 8}}'), created_at, updated_at
            from broker.systems where department = @d and id = @i
            """, ("legacy", legacy), ("d", department), ("i", source));
        await ExecuteAsync("""
            insert into broker.audit_log (at, actor, department, object_type, object_id, action, correlation_id)
            values (@at, 'system:broker', @d, 'system', @legacy, 'system.allocated', 'order-a')
            """, ("at", allocatedAt), ("d", department), ("legacy", legacy));
        var before = await SystemRowAsync(department, legacy);

        var migration = Assert.Single(SchemaMigrator.Embedded, m => (m.Scope, m.Version) == ("broker", 11));
        await ExecuteAsync(migration.Sql);

        var rows = await AllocationRowsAsync(department, legacy);
        Assert.Equal(
            [("order-a", V(vcpu: 4, memory: 16), allocatedAt), ("order-b", V(vcpu: 8), before.UpdatedAt)],
            rows.Select(r => (r.AllocationId, r.Vector, r.AllocatedAt)));
        var after = await SystemRowAsync(department, legacy);
        Assert.DoesNotContain("allocations", after.State, StringComparison.Ordinal);
        Assert.Equal((before.Version, before.UpdatedAt), (after.Version, after.UpdatedAt));

        var grain = Grains.GetSystem(new SystemKey(department, legacy));
        Assert.Equal(V(vcpu: 12, memory: 16), (await grain.GetAsync())!.Allocated);
        Assert.True((await grain.CheckOrderAsync(V(vcpu: 4))).WithinEnvelope);
        Assert.False((await grain.CheckOrderAsync(V(vcpu: 5))).WithinEnvelope);
        await grain.DeallocateAsync("order-b");
        Assert.Equal(["order-a"], (await AllocationRowsAsync(department, legacy)).Select(r => r.AllocationId));
    }

    [Fact]
    public async Task An_allocation_by_a_stale_activation_is_refused_and_the_next_activation_carries_on()
    {
        var (department, id, grain) = await ApprovedSystemAsync(Grains, V(vcpu: 16));
        // Another activation (as after a split brain) wrote the system in between: the stored version moved on.
        await ExecuteAsync("update broker.systems set version = version + 1 where department = @d and id = @i", ("d", department), ("i", id));

        await Assert.ThrowsAnyAsync<Exception>(() => grain.AllocateAsync("order-1", V(vcpu: 2)));
        Assert.Empty(await AllocationRowsAsync(department, id));
        Assert.DoesNotContain(await Audit.QueryAsync(new AuditQuery(department, ObjectType: "system", ObjectId: id)), a => a.Action == "system.allocated");

        await RetryAsync(() => grain.AllocateAsync("order-1", V(vcpu: 2)));
        Assert.Equal(["order-1"], (await AllocationRowsAsync(department, id)).Select(r => r.AllocationId));
        Assert.Equal(V(vcpu: 2), (await grain.GetAsync())!.Allocated);
    }

    private static async Task<(string Department, string Id, ISystemGrain Grain)> ApprovedSystemAsync(IGrainFactory grains, QuotaVector envelope)
    {
        var department = NewCode("sys-alloc");
        await CreateAsync(grains, department, V(vcpu: 64, memory: 256));
        var id = NewId("app");
        var grain = grains.GetSystem(new SystemKey(department, id));
        Assert.Null((await grain.RegisterAsync(Registration(), Member)).Error);
        Assert.Null((await grain.ReviewAsync(Approve(envelope, period: EnvelopePeriod.Total), Reviewer)).Error);
        return (department, id, grain);
    }

    private async Task<(long Version, string State, DateTimeOffset UpdatedAt)> SystemRowAsync(string department, string id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select version, state::text, updated_at from broker.systems where department = @d and id = @i", connection);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("i", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    private async Task<List<(string AllocationId, QuotaVector Vector, DateTimeOffset AllocatedAt)>> AllocationRowsAsync(string department, string id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            select allocation_id, vector::text, allocated_at from broker.system_allocations
            where department = @d and system_id = @i order by allocation_id
            """, connection);
        command.Parameters.AddWithValue("d", department);
        command.Parameters.AddWithValue("i", id);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, QuotaVector, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), BrokerJson.Deserialize<QuotaVector>(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    // The failed activation is deactivated once idle; a caller's retry may still reach it for a moment.
    private static async Task RetryAsync(Func<Task> call) =>
        await Eventually(
            async () =>
            {
                try
                {
                    await call();
                    return true;
                }
                catch (Exception)
                {
                    return false; // the failed activation answered; the next call reaches a new one
                }
            },
            TimeSpan.FromSeconds(5));
}
