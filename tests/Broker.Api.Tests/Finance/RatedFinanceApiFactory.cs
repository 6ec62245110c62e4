using System.Net;
using Broker.Api.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Broker.Api.Tests.Finance;

/// <summary>
/// The whole broker with its real statement engine: statements are rated from ledger intervals a test writes, with one
/// rate card (1.00 CNY per vCPU-hour, nothing else priced) so every figure is worked out in the test by hand. Chargeback
/// gauges are refreshed by the tests that read them.
/// </summary>
public class RatedFinanceApiFactory : BrokerApiFactory, IAsyncLifetime
{
    /// <summary>The card's only price: an interval of N vCPU running H hours costs N x H CNY (silver, 1x).</summary>
    public const decimal VcpuHour = 1.00m;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Tests refresh the gauges themselves; the timer only runs once at start.
        builder.UseSetting("Broker:Chargeback:GaugeRefreshInterval", "01:00:00");
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        // Through finance's own endpoint, as a real card is made; back-dated to cover the whole year the tests bill.
        await As("finance").Send(HttpMethod.Post, "/api/finance/rate-cards", new
        {
            effectiveFrom = "2026-01-01",
            backdatingReason = "finance view tests bill all of 2026",
            prices = new { vcpuHour = VcpuHour, memoryGibHour = 0m, storageGibMonth = 0m },
        }).Expect(HttpStatusCode.Created);
    }

    public async Task<string> DepartmentAsync(string prefix)
    {
        var code = await Setup.Department(prefix).CreateAsync(this);
        return code;
    }

    /// <summary>
    /// A running silver VM's ledger interval, written as the ledger relay writes one: <paramref name="vcpu"/> is what is
    /// rated, <paramref name="vector"/> the quota vector the allocation views read (the same size unless a test says).
    /// Returns the resource's id.
    /// </summary>
    public async Task<string> IntervalAsync(string department, string system, int vcpu, DateTimeOffset start, DateTimeOffset? end, string? vector = null, int memoryGib = 0)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            insert into broker.usage_intervals (resource_id, opened_seq, closed_seq, department, system_id, kind, plan_code, plan_version, sla_tier,
                running, vcpu, memory_gib, storage_gib, vector, started_at, ended_at)
            values (@id, 1, @closed, @department, @system, 'vm', 'plan', 1, 'silver', true, @vcpu, @memory, 0, @vector::jsonb, @start, @end)
            """, connection);
        var id = Guid.NewGuid().ToString("n");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("closed", end is null ? DBNull.Value : 2L);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("system", system);
        command.Parameters.AddWithValue("vcpu", vcpu);
        command.Parameters.AddWithValue("memory", memoryGib);
        command.Parameters.AddWithValue("vector", vector ?? $$"""{"vcpu":{{vcpu}},"memory_gib":{{memoryGib}},"vms":1}""");
        command.Parameters.AddWithValue("start", start.ToUniversalTime());
        command.Parameters.AddWithValue("end", end is null ? DBNull.Value : end.Value.ToUniversalTime());
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
