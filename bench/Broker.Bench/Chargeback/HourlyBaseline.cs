using Npgsql;

namespace Broker.Bench.Chargeback;

/// <summary>
/// The way hourly rating pipelines work, in their three stages: metering expands each interval into one usage record
/// per meter and clock hour it touches (a partial hour carries its share), rating prices every record on its own (the
/// price in force at that hour for that meter, times the record's SLA multiplier), and aggregation adds the rated
/// records up per resource and meter before rounding each line to the fen. Records are staged one department at a
/// time, as such pipelines batch them, so memory stays bounded. Storage is priced per GiB-month; like such pipelines,
/// the price list turns that into an hourly price (the month's price over its hours).
/// </summary>
public static class HourlyBaseline
{
    private const string Sql = """
        select department, resource_id, sla_tier, running, vcpu, memory_gib, storage_gib, started_at, ended_at
        from broker.usage_intervals
        where started_at < @to and (ended_at is null or ended_at > @from)
        order by department
        """;

    private const int Vcpu = 0;
    private const int Memory = 1;
    private const int Storage = 2;

    /// <summary>Every department's total, how many lines (resource and meter) it has, and how many samples were rated.</summary>
    public static async Task<(Dictionary<string, decimal> Totals, Dictionary<string, int> Lines, long Samples)> RunAsync(NpgsqlDataSource dataSource, MonthWindow month)
    {
        var prices = new PriceList(month);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var staged = new List<UsageRecord>();
        var resources = new List<string>();
        string? department = null;
        long samples = 0;

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("from", month.From);
        command.Parameters.AddWithValue("to", month.To);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var next = reader.GetString(0);
                if (next != department)
                {
                    samples += Flush(department, staged, resources, prices, totals, counts);
                    department = next;
                }

                resources.Add(reader.GetString(1));
                var resource = resources.Count - 1;
                var tier = reader.GetString(2);
                var running = reader.GetBoolean(3);
                var (vcpu, memory, storage) = (reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6));
                var start = Max(reader.GetFieldValue<DateTimeOffset>(7), month.From);
                var end = reader.IsDBNull(8) ? month.To : Min(reader.GetFieldValue<DateTimeOffset>(8), month.To);

                // Metering: one record per meter and clock hour the interval touches.
                for (var hour = FloorHour(start); hour < end; hour = hour.AddHours(1))
                {
                    var share = (decimal)(Min(end, hour.AddHours(1)) - Max(start, hour)).TotalSeconds / 3600m;
                    if (running)
                    {
                        staged.Add(new UsageRecord(resource, Vcpu, hour, vcpu * share, tier));
                        staged.Add(new UsageRecord(resource, Memory, hour, memory * share, tier));
                    }

                    staged.Add(new UsageRecord(resource, Storage, hour, storage * share, tier));
                }
            }
        }

        samples += Flush(department, staged, resources, prices, totals, counts);
        return (totals, counts, samples);
    }

    /// <summary>Rating and aggregation of one department's staged records; returns how many were rated.</summary>
    private static long Flush(string? department, List<UsageRecord> staged, List<string> resources, PriceList prices,
        Dictionary<string, decimal> totals, Dictionary<string, int> counts)
    {
        if (department is null)
        {
            return 0;
        }

        var lines = new Dictionary<(string Resource, int Meter), decimal>();
        foreach (var record in staged)
        {
            var amount = record.Quantity * prices.At(record.Meter, record.Hour) * BenchPrices.Multiplier(record.Tier);
            var key = (resources[record.Resource], record.Meter);
            lines[key] = lines.GetValueOrDefault(key) + amount;
        }

        var total = 0m;
        var count = 0;
        foreach (var amount in lines.Values)
        {
            total += BenchPrices.Fen(amount);
            count += amount != 0m ? 1 : 0;
        }

        totals[department] = totals.GetValueOrDefault(department) + total;
        counts[department] = counts.GetValueOrDefault(department) + count;
        var rated = staged.Count;
        staged.Clear();
        resources.Clear();
        return rated;
    }

    private static DateTimeOffset FloorHour(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, 0, 0, t.Offset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private readonly record struct UsageRecord(int Resource, int Meter, DateTimeOffset Hour, decimal Quantity, string Tier);

    /// <summary>
    /// Hourly prices per meter with effective-from dates, looked up per record as a pipeline's price table is. The bench
    /// has one version in force all month; the lookup still runs for every record.
    /// </summary>
    private sealed class PriceList(MonthWindow month)
    {
        private readonly (DateTimeOffset From, decimal[] Prices)[] _versions =
        [
            (month.From, [BenchPrices.VcpuHour, BenchPrices.MemoryGibHour, BenchPrices.StorageGibMonth / month.Hours]),
        ];

        public decimal At(int meter, DateTimeOffset hour)
        {
            for (var i = _versions.Length - 1; i >= 0; i--)
            {
                if (_versions[i].From <= hour)
                {
                    return _versions[i].Prices[meter];
                }
            }

            throw new InvalidOperationException($"No price in force at {hour:O}.");
        }
    }
}
