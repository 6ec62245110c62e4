using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Tests.Hosting;
using Broker.Silo.Tests.Metering;
using Broker.Silo.Tests.Tenancy;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static Broker.TestSupport.Polling;

namespace Broker.Silo.Tests.Resources;

public sealed class ResourceSweeperTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly QuotaVector Quota = new(new Dictionary<string, long> { ["vcpu"] = 8, ["memory_gib"] = 16, ["storage_gib"] = 200, ["vms"] = 2 });

    [Fact]
    public async Task A_resource_left_provisioning_when_its_silo_stopped_is_built_by_the_next_silos_sweep()
    {
        var code = Departments.NewCode("sweep");
        var id = $"{code}-vm-1";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        // The first machine room never finishes (its clock does not move): the silo stops with the VM still building.
        var slowRoom = new Dictionary<string, string?> { ["Broker:Provisioning:Simulated:ProvisioningDelay"] = "01:00:00" };
        await using (var first = await TestSilo.StartAsync(database.ConnectionString, time, slowRoom))
        {
            var created = await CreateVmAsync(first, code, id);
            Assert.Equal(ResourceState.Provisioning, created.State);
        }

        Assert.Equal("provisioning", await StateAsync(id));

        // A fresh silo has no activation of the resource and nothing else that would wake it: the sweep must.
        await using var second = await TestSilo.StartAsync(database.ConnectionString, time);
        var sweep = await second.Grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key).SweepAsync();

        Assert.True(sweep.Converging >= 1);
        Assert.Equal(0, sweep.Failed);
        // The sweep applied it again; the woken grain's own timer sees it ready.
        await Eventually(async () => await StateAsync(id) == "ready", TimeSpan.FromSeconds(30));
        Assert.Equal(0L, await ReminderRowsAsync("resource/%"));
        Assert.Equal(1L, await ReminderRowsAsync("%", "resource-sweep"));
    }

    [Fact]
    public async Task A_per_resource_reminder_left_by_an_earlier_version_reconciles_once_and_removes_itself()
    {
        var code = Departments.NewCode("legacy");
        var id = $"{code}-vm-1";
        await using var silo = await TestSilo.StartAsync(database.ConnectionString);
        await CreateVmAsync(silo, code, id);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = silo.Grains.GetGrain<IResourceGrain>(id);
        await table.UpsertRow(new ReminderEntry
        {
            GrainId = grain.GetGrainId(),
            ReminderName = "resource-reconcile",
            StartAt = DateTime.UtcNow.AddHours(1),
            Period = TimeSpan.FromMinutes(1),
        });
        // Also shows the grain id format the other tests count by ("resource/<id>").
        Assert.Equal(1L, await ReminderRowsAsync("resource/" + id, "resource-reconcile"));

        // What the reminder service does when the old row comes due.
        await grain.AsReference<IRemindable>().ReceiveReminder("resource-reconcile", default);

        Assert.Equal(0L, await ReminderRowsAsync("%" + id, "resource-reconcile"));
        Assert.Equal(0L, await ReminderRowsAsync("%" + id));
    }

    private static async Task<ResourceView> CreateVmAsync(TestSilo silo, string code, string id)
    {
        var spec = Journal.Vm(2, 4, 40);
        var department = await Departments.CreateAsync(silo.Grains, code, Quota);
        Assert.True((await department.ReserveAsync(Departments.Request(id, spec.Vector, TimeSpan.FromDays(7)), ReservationOwner.System, Departments.Admin)).Granted);
        var created = await silo.Grains.GetGrain<IResourceGrain>(id)
            .CreateAsync(new ResourceCreation(code, "core", "order-1", "extranet", spec, null, Approved: true), Departments.Admin);
        Assert.Null(created.Error);
        return created.Resource!;
    }

    private async Task<string?> StateAsync(string id)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select state from broker.resources where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync();
    }

    private Task<long> ReminderRowsAsync(string grainLike, string nameLike = "%") => ReminderRows.CountAsync(database.ConnectionString, grainLike, nameLike);
}
