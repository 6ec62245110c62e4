using Broker.Bench.Hosting;
using Npgsql;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The minimal controller's durable record: one quota row per department and one row per order. Placing an order is
/// one statement, so one transaction and one commit (fsync'd, as the broker's are): the quota row is updated only if
/// every dimension still fits, and the order is recorded only if it was. The same four quota dimensions the broker
/// checks for a VM; nothing else (no approval, capacity, audit or journal: that is what the broker's cost is weighed on).
/// </summary>
public sealed class MinimalLedger(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const string SchemaSql = """
        create table quota (
            department        text primary key,
            vcpu_limit        int  not null,
            memory_gib_limit  int  not null,
            storage_gib_limit int  not null,
            vms_limit         int  not null,
            vcpu              int  not null default 0,
            memory_gib        int  not null default 0,
            storage_gib       int  not null default 0,
            vms               int  not null default 0
        );
        create table orders (
            id          text        primary key,
            department  text        not null,
            vcpu        int         not null,
            memory_gib  int         not null,
            storage_gib int         not null,
            placed_at   timestamptz not null default now()
        );
        """;

    private const string InsertQuotaSql = """
        insert into quota (department, vcpu_limit, memory_gib_limit, storage_gib_limit, vms_limit)
        select unnest(@departments), @vcpu, @memory_gib, @storage_gib, @vms
        """;

    private const string PlaceSql = """
        with admitted as (
            update quota
            set vcpu = vcpu + @vcpu, memory_gib = memory_gib + @memory_gib, storage_gib = storage_gib + @storage_gib, vms = vms + 1
            where department = @department
              and vcpu + @vcpu <= vcpu_limit and memory_gib + @memory_gib <= memory_gib_limit
              and storage_gib + @storage_gib <= storage_gib_limit and vms + 1 <= vms_limit
            returning department)
        insert into orders (id, department, vcpu, memory_gib, storage_gib)
        select @id, department, @vcpu, @memory_gib, @storage_gib from admitted
        """;

    // Both counts in one snapshot: every order recorded is counted in its department's quota row, and no more.
    private const string TallySql = "select (select count(*) from orders), (select coalesce(sum(vms), 0) from quota)";

    public async Task CreateAsync(ProvisioningSettings settings)
    {
        await using (var schema = dataSource.CreateCommand(SchemaSql))
        {
            await schema.ExecuteNonQueryAsync();
        }

        var n = settings.OrdersPerDepartment;
        await using var quota = dataSource.CreateCommand(InsertQuotaSql);
        quota.Parameters.AddWithValue("departments", settings.DepartmentCodes.ToArray());
        quota.Parameters.AddWithValue("vcpu", n * BenchVm.Vcpu);
        quota.Parameters.AddWithValue("memory_gib", n * BenchVm.MemoryGib);
        quota.Parameters.AddWithValue("storage_gib", n * BenchVm.DiskGib);
        quota.Parameters.AddWithValue("vms", n);
        await quota.ExecuteNonQueryAsync();
    }

    /// <summary>Records one one-VM order against its department's quota; false if it did not fit.</summary>
    public async Task<bool> PlaceAsync(string department, string orderId)
    {
        await using var command = dataSource.CreateCommand(PlaceSql);
        command.Parameters.AddWithValue("department", department);
        command.Parameters.AddWithValue("id", orderId);
        command.Parameters.AddWithValue("vcpu", BenchVm.Vcpu);
        command.Parameters.AddWithValue("memory_gib", BenchVm.MemoryGib);
        command.Parameters.AddWithValue("storage_gib", BenchVm.DiskGib);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Orders recorded, and VMs counted in the quota rows.</summary>
    public async Task<(long Orders, long QuotaVms)> TallyAsync()
    {
        await using var command = dataSource.CreateCommand(TallySql);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
