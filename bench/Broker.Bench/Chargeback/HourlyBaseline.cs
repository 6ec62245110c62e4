using Npgsql;

namespace Broker.Bench.Chargeback;

/// <summary>
/// The way hourly rating pipelines work: read the month's intervals, expand each into one usage sample per hour
/// it touches (a partial hour weighted by its share), rate every sample, and add the rated samples up per resource and
/// meter before rounding each line to the fen. Storage is priced per GiB-month; like such pipelines, it turns that
/// into an hourly price once (the month's price over its hours) and rates every sample with it.
/// </summary>
public static class HourlyBaseline
{
    private const string Sql = """
        select department, resource_id, sla_tier, running, vcpu, memory_gib, storage_gib, started_at, ended_at
        from broker.usage_intervals
        where started_at < @to and (ended_at is null or ended_at > @from)
        """;

    /// <summary>Every department's total, how many lines (resource and meter) it has, and how many samples were rated.</summary>
    public static async Task<(Dictionary<string, decimal> Totals, Dictionary<string, int> Lines, long Samples)> RunAsync(NpgsqlDataSource dataSource, MonthWindow month)
    {
        var storageGibHour = BenchPrices.StorageGibMonth / month.Hours;
        var lines = new Dictionary<(string Department, string Resource), decimal[]>();
        long samples = 0;
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", month.From);
        command.Parameters.AddWithValue("to", month.To);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                var multiplier = BenchPrices.Multiplier(reader.GetString(2));
                var running = reader.GetBoolean(3);
                var (vcpu, memory, storage) = (reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
                var start = Max(reader.GetFieldValue<DateTimeOffset>(7), month.From);
                var end = reader.IsDBNull(8) ? month.To : Min(reader.GetFieldValue<DateTimeOffset>(8), month.To);
                if (!lines.TryGetValue(key, out var meters))
                {
                    meters = new decimal[3];
                    lines[key] = meters;
                }

                // One sample per clock hour the interval touches.
                for (var hour = FloorHour(start); hour < end; hour = hour.AddHours(1))
                {
                    var share = (decimal)(Min(end, hour.AddHours(1)) - Max(start, hour)).TotalSeconds / 3600m;
                    if (running)
                    {
                        meters[0] += vcpu * share * BenchPrices.VcpuHour * multiplier;
                        meters[1] += memory * share * BenchPrices.MemoryGibHour * multiplier;
                    }

                    meters[2] += storage * share * storageGibHour * multiplier;
                    samples++;
                }
            }
        }

        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((department, _), meters) in lines)
        {
            totals[department] = totals.GetValueOrDefault(department) + BenchPrices.Fen(meters[0]) + BenchPrices.Fen(meters[1]) + BenchPrices.Fen(meters[2]);
            counts[department] = counts.GetValueOrDefault(department) + meters.Count(m => m != 0m);
        }

        return (totals, counts, samples);
    }

    private static DateTimeOffset FloorHour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Offset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
