using Broker.Silo.Hosting;
using Broker.Silo.Sla;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// Computes open months and reads closed ones. One month for every department is one streamed read of the month's
/// intervals (no query per department), rated in memory by <see cref="Rating"/>, plus three small reads (imports,
/// approved systems, closed months). Open months also carry adjustments: usage for a closed month that arrived after it
/// was closed, measured as "that month recomputed now" minus "what was frozen and already adjusted". SLA credits
/// (<see cref="CreditLines"/>) are rated last, from each resource's rounded lines and the month's measured attainment.
/// </summary>
public sealed class StatementEngine(
    NpgsqlDataSource dataSource, RateCardStore cards, StatementStore store, StatementCache cache, BrokerClock clock, IOptions<MeteringOptions> options,
    SlaCreditSource credits)
    : IStatementEngine
{
    private const int MaxAdjustmentMonths = 24;

    private const string IntervalsSql = """
        select department, resource_id, system_id, kind, plan_code, sla_tier, running, vcpu, memory_gib, storage_gib, instances, started_at, ended_at
        from broker.usage_intervals
        where started_at < @end and (ended_at is null or ended_at > @start)
        """;

    private const string ImportsSql = """
        select department, system_id, meter, unit, sum(quantity)
        from broker.imported_usage where period = @day and (@department::text is null or department = @department)
        group by department, system_id, meter, unit
        """;

    private const string SystemsSql = """
        select s.department, s.id, s.om_tier, (s.state->'registration'->>'buildInvestmentCny')::numeric,
               p.importance, p.service_hours, p.data_scale, p.transaction_scale
        from broker.systems s
        left join broker.om_profiles p on p.department = s.department and p.system_id = s.id
        where s.status = 'approved' and (s.state->>'reviewedAt')::timestamptz < @end
          and (@department::text is null or s.department = @department)
        """;

    private const string DepartmentsSql = "select code from broker.departments where not deleted";

    public async Task<Statement> GetAsync(string department, string period, CancellationToken cancellationToken = default)
    {
        var month = BillingMonth.Parse(period);
        if ((await store.ClosesAsync(cancellationToken)).TryGetValue(period, out var close))
        {
            var frozen = await store.SnapshotsAsync(period, department, cancellationToken);
            return frozen.Count > 0 ? frozen[0] : Empty(department, period) with { State = "closed", ClosedAt = close.ClosedAt, ClosedBy = close.ClosedBy };
        }

        var computed = await OpenAsync(month, department, cancellationToken);
        return computed.Count > 0 ? computed[0] : Empty(department, period) with { AsOf = clock.GetUtcNow() };
    }

    public async Task<IReadOnlyList<Statement>> GetAllAsync(string period, CancellationToken cancellationToken = default)
    {
        var month = BillingMonth.Parse(period);
        return (await store.ClosesAsync(cancellationToken)).ContainsKey(period)
            ? await store.SnapshotsAsync(period, null, cancellationToken)
            : await OpenAsync(month, null, cancellationToken);
    }

    /// <summary>An open month as served: from the cache while its inputs are unchanged (read first, see <see cref="StatementCache"/>).</summary>
    private async Task<IReadOnlyList<Statement>> OpenAsync(BillingMonth month, string? department, CancellationToken cancellationToken)
    {
        var inputs = await store.InputsAsync(allDepartments: department is null, cancellationToken);
        return await cache.GetOrComputeAsync(month.ToString(), department, inputs,
            token => ComputeAsync(month, department, adjustments: true, om: true, token), cancellationToken);
    }

    /// <summary>Computes a month as if it were open, whatever its state: what closing freezes, and what adjustments compare with.</summary>
    public async Task<IReadOnlyList<Statement>> ComputeAsync(BillingMonth month, string? department, bool adjustments, bool om, CancellationToken cancellationToken = default)
    {
        // Taken before anything is read: the statement reflects at least everything committed by then.
        var asOf = clock.GetUtcNow();
        var allCards = await cards.ListAsync(cancellationToken);
        var rating = new Rating(month, RateCardTimeline.For(allCards, month.Start, month.End), asOf);
        var accumulators = new Dictionary<string, LineAccumulator>(StringComparer.Ordinal);
        if (department is null)
        {
            await foreach (var code in ReadStrings(DepartmentsSql, cancellationToken))
            {
                accumulators[code] = new LineAccumulator();
            }
        }
        else
        {
            accumulators[department] = new LineAccumulator();
        }

        await RateIntervalsAsync(rating, department, accumulators, cancellationToken);
        await AddImportsAsync(rating, department, accumulators, cancellationToken);
        if (om)
        {
            await AddOmAsync(month, department, accumulators, cancellationToken);
        }

        if (adjustments)
        {
            await AddAdjustmentsAsync(month, department, allCards, accumulators, cancellationToken);
        }

        var creditCard = CreditLines.CardFor(rating.Timeline, month);
        var attained = await credits.ByDepartmentAsync(month, department, creditCard, cancellationToken);
        var period = month.ToString();
        var statements = new List<Statement>(accumulators.Count);
        foreach (var (code, accumulator) in accumulators.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var lines = accumulator.ToLines();
            if (attained.TryGetValue(code, out var resources))
            {
                lines.AddRange(CreditLines.For(resources, lines, creditCard));
            }

            statements.Add(StatementAssembly.Build(code, period, lines) with { AsOf = asOf });
        }

        return statements;
    }

    private async Task RateIntervalsAsync(Rating rating, string? department, Dictionary<string, LineAccumulator> accumulators, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(department is null ? IntervalsSql : IntervalsSql + " and department = @department");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", rating.Month.Start));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", rating.Month.End));
        if (department is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        }

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        string? lastDepartment = null;
        LineAccumulator? lines = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            if (!string.Equals(code, lastDepartment, StringComparison.Ordinal))
            {
                if (!accumulators.TryGetValue(code, out lines))
                {
                    lines = accumulators[code] = new LineAccumulator(); // billed, though no longer listed as a department
                }

                lastDepartment = code;
            }

            var interval = new UsageInterval(
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetBoolean(6),
                reader.GetInt32(7), reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.GetFieldValue<DateTime>(11).Ticks, reader.IsDBNull(12) ? UsageInterval.Open : reader.GetFieldValue<DateTime>(12).Ticks);
            rating.Rate(interval, lines!);
        }
    }

    private async Task AddImportsAsync(Rating rating, string? department, Dictionary<string, LineAccumulator> accumulators, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ImportsSql);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", rating.Month.FirstDay));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = rating.RateImported(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4));
            if (line is not null)
            {
                Accumulator(accumulators, reader.GetString(0)).Add(line);
            }
        }
    }

    private async Task AddOmAsync(BillingMonth month, string? department, Dictionary<string, LineAccumulator> accumulators, CancellationToken cancellationToken)
    {
        var settings = options.Value.OmFee;
        await using var command = dataSource.CreateCommand(SystemsSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", month.End));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var profile = reader.IsDBNull(4)
                ? OmProfile.Normal
                : new OmProfile(reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7));
            var lines = Accumulator(accumulators, reader.GetString(0));
            foreach (var line in OmFee.MonthlyLines(reader.GetString(1), reader.GetInt16(2), reader.GetDecimal(3), profile, settings))
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>
    /// For each closed month right before this one (the run of closed months this is the next open month of), the
    /// departments with late usage, or whose SLA credits may have changed since (an outage recorded after the close),
    /// get "recomputed now minus frozen minus already adjusted" as adjustment lines.
    /// </summary>
    private async Task AddAdjustmentsAsync(
        BillingMonth month, string? department, IReadOnlyList<RateCard> allCards, Dictionary<string, LineAccumulator> accumulators, CancellationToken cancellationToken)
    {
        var closes = await store.ClosesAsync(cancellationToken);
        var closed = month.Previous;
        for (var i = 0; i < MaxAdjustmentMonths && closes.TryGetValue(closed.ToString(), out var close); i++, closed = closed.Previous)
        {
            var creditCard = CreditLines.CardFor(RateCardTimeline.For(allCards, closed.Start, closed.End), closed);
            var late = new SortedSet<string>(await store.LateDepartmentsAsync(closed, close.Watermark, department, cancellationToken), StringComparer.Ordinal);
            late.UnionWith(await credits.LateDepartmentsAsync(closed, month, creditCard, department, cancellationToken));
            foreach (var code in late)
            {
                var now = (await ComputeAsync(closed, code, adjustments: false, om: false, cancellationToken))[0];
                var billed = new List<StatementLine>();
                billed.AddRange((await store.SnapshotsAsync(closed.ToString(), code, cancellationToken)).SelectMany(s => s.Lines)
                    .Where(l => l.Category is not (StatementCategories.Adjustment or StatementCategories.Om)));
                billed.AddRange((await store.SnapshotsBetweenAsync(code, closed, month, cancellationToken)).SelectMany(s => s.Lines)
                    .Where(l => l.Category == StatementCategories.Adjustment && l.OriginalPeriod == closed.ToString()));
                foreach (var line in Adjustments.Between(now.Lines, billed, closed.ToString()))
                {
                    Accumulator(accumulators, code).Add(line);
                }
            }
        }
    }

    private static LineAccumulator Accumulator(Dictionary<string, LineAccumulator> accumulators, string department)
    {
        if (!accumulators.TryGetValue(department, out var lines))
        {
            lines = accumulators[department] = new LineAccumulator();
        }

        return lines;
    }

    private async IAsyncEnumerable<string> ReadStrings(string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }

    private static Statement Empty(string department, string period) => StatementAssembly.Build(department, period, []);
}
