using Broker.Contracts.Catalog;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Catalog;
using Broker.Silo.Tests.Catalog;
using Broker.Silo.Tests.Hosting;
using Broker.Silo.Tests.Systems;
using Broker.Silo.Tests.Tenancy;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Broker.Silo.Tests.Orders;

/// <summary>
/// A silo for the order tests: a capacity pool serving the extranet (so placements hold capacity), a machine room
/// that takes an hour of business time to build (so an order is seen provisioning until the test moves the clock),
/// one orderable VM plan, and helpers to set up a department with an approved system and to read what was written.
/// </summary>
public sealed class OrderSilo : IAsyncLifetime
{
    public const string Plan = "vm-order";

    public static readonly Actor Member = SystemBuilders.Member;

    public static readonly QuotaVector Quota = new(new Dictionary<string, long> { ["vcpu"] = 16, ["memory_gib"] = 64, ["storage_gib"] = 1000, ["vms"] = 10 });

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Broker:Provisioning:Simulated:ProvisioningDelay"] = "01:00:00",
        ["Broker:Capacity:Pools:0:Name"] = "east",
        ["Broker:Capacity:Pools:0:Zones:0"] = "extranet",
        ["Broker:Capacity:Pools:0:Physical:vcpu"] = "64",
        ["Broker:Capacity:Pools:0:Physical:memory_gib"] = "256",
    };

    private readonly PostgresDatabaseFixture _database = new();

    public TestSilo Silo { get; private set; } = null!;

    public IGrainFactory Grains => Silo.Grains;

    /// <summary>Hand-offs of chosen orders made to fail for a while (none unless a test asks).</summary>
    public HandOffFaults Faults { get; } = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Silo = await TestSilo.StartAsync(_database.ConnectionString, overrides: Settings, services: s => s.AddSingleton<IIncomingGrainCallFilter>(Faults));
        var created = await Silo.Services.GetRequiredService<CatalogStore>().CreatePlanAsync(Plan, CatalogDrafts.Vm(), CatalogDrafts.Admin);
        Assert.Null(created.Error);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static OrderRequest Vms(int quantity) => new("core", Plan, "silver", quantity, "debian-12", null, null, null);

    /// <summary>A new department with <paramref name="quota"/> and an approved system "core" in the extranet; its code.</summary>
    public async Task<string> DepartmentAsync(QuotaVector? quota = null)
    {
        var code = Departments.NewCode("order");
        await Departments.CreateAsync(Grains, code, quota ?? Quota);
        var system = Grains.GetSystem(new SystemKey(code, "core"));
        Assert.Null((await system.RegisterAsync(SystemBuilders.Registration(), SystemBuilders.Member)).Error);
        Assert.Null((await system.ReviewAsync(SystemBuilders.Approve(Quota), SystemBuilders.Reviewer)).Error);
        return code;
    }

    public static string NewOrderId() => $"o{Guid.NewGuid():n}"[..17];

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        (long)(await ScalarAsync(sql, parameters))!;

    public async Task<List<string>> TextsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var texts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            texts.Add(reader.GetString(0));
        }

        return texts;
    }

    /// <summary>
    /// Holds a lock on the resources' journal until disposed: the first write of an order's hand-off (its resources'
    /// creation) waits for it, so a test sees what the order answered and wrote before any resource exists. Reads still pass.
    /// </summary>
    public async Task<IAsyncDisposable> HoldHandOffsAsync()
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("lock table broker.resource_events in exclusive mode", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new Release(connection, transaction);
    }

    private async Task<object?> ScalarAsync(string sql, (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private sealed class Release(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
