using Npgsql;

namespace Broker.Bench.Chargeback;

/// <summary>
/// The floor: one SQL aggregate over the month's intervals computing every department's total (lines per resource and
/// meter rounded to the fen, then summed), with nothing else a real statement needs. No statement engine can beat the
/// database doing the arithmetic where the rows are. Quantities are summed as whole seconds and divided once per line
/// (by an hour, or by the month for GiB-month storage), so the floor's lines are exact, like the engine's integer ticks.
/// </summary>
public static class SqlFloor
{
    private const string Sql = """
        with spans as (
            select department, resource_id, sla_tier, running, vcpu, memory_gib, storage_gib,
                   extract(epoch from least(coalesce(ended_at, 'infinity'::timestamptz), @to) - greatest(started_at, @from)) as seconds
            from broker.usage_intervals
            where started_at < @to and (ended_at is null or ended_at > @from)
        ), lines as (
            select department,
                   case sla_tier when 'bronze' then 0.8 when 'gold' then 1.5 else 1.0 end as multiplier,
                   sum(case when running then vcpu * seconds else 0 end) as vcpu_seconds,
                   sum(case when running then memory_gib * seconds else 0 end) as memory_seconds,
                   sum(storage_gib * seconds) as storage_seconds
            from spans
            group by department, resource_id, sla_tier
        )
        select department,
               sum(round(vcpu_seconds * @vcpu_price * multiplier / 3600, 2)
                 + round(memory_seconds * @memory_price * multiplier / 3600, 2)
                 + round(storage_seconds * @storage_price * multiplier / @month_seconds, 2))
        from lines
        group by department
        order by department
        """;

    public static async Task<Dictionary<string, decimal>> RunAsync(NpgsqlDataSource dataSource, MonthWindow month)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", month.From);
        command.Parameters.AddWithValue("to", month.To);
        command.Parameters.AddWithValue("vcpu_price", BenchPrices.VcpuHour);
        command.Parameters.AddWithValue("memory_price", BenchPrices.MemoryGibHour);
        command.Parameters.AddWithValue("storage_price", BenchPrices.StorageGibMonth);
        command.Parameters.AddWithValue("month_seconds", (long)month.Hours * 3600);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            totals[reader.GetString(0)] = reader.GetDecimal(1);
        }

        return totals;
    }
}
