using Broker.Silo.Metering;
using Npgsql;

namespace Broker.Silo.Sla;

/// <summary>
/// What the statement engine needs to put SLA credits on statements: the month's attainment per department (read only
/// when the month's card has a credit schedule, so a card without one costs nothing), and, for a closed month, which
/// departments may owe a credit adjustment because an outage was recorded (or corrected) after the close.
/// </summary>
public sealed class SlaCreditSource(IAttainmentSource attainment, NpgsqlDataSource dataSource)
{
    // Departments billed a credit for the closed month: on its frozen statement, or as an adjustment frozen since.
    private const string CreditedSql = """
        select distinct department from broker.statement_snapshots s
        where period >= @closed and period < @open and (@department::text is null or department = @department)
          and exists (select 1 from jsonb_array_elements(s.content::jsonb->'lines') l
                      where l->>'meter' = 'sla-credit' and (s.period = @closed or l->>'originalPeriod' = @closed))
        """;

    public async Task<IReadOnlyDictionary<string, List<ResourceAttainment>>> ByDepartmentAsync(
        BillingMonth month, string? department, RateCard? card, CancellationToken cancellationToken = default)
    {
        var byDepartment = new Dictionary<string, List<ResourceAttainment>>(StringComparer.Ordinal);
        if (!CreditLines.Schedules(card))
        {
            return byDepartment;
        }

        foreach (var a in await attainment.ForMonthAsync(month, department, cancellationToken))
        {
            if (!byDepartment.TryGetValue(a.DepartmentId, out var list))
            {
                list = byDepartment[a.DepartmentId] = [];
            }

            list.Add(a);
        }

        return byDepartment;
    }

    /// <summary>
    /// Departments whose credits for <paramref name="closed"/> may differ from what was billed: a resource misses its
    /// target now, or a credit was billed (which a corrected outage may have taken away). The engine recomputes each and
    /// bills only the difference, so a department listed here needlessly gets no line. The card governing a closed month
    /// never changes (no card may start inside or before a closed month), so without a schedule there was never a credit.
    /// </summary>
    public async Task<IReadOnlyList<string>> LateDepartmentsAsync(
        BillingMonth closed, BillingMonth open, RateCard? card, string? department, CancellationToken cancellationToken = default)
    {
        if (!CreditLines.Schedules(card))
        {
            return [];
        }

        var departments = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (code, attained) in await ByDepartmentAsync(closed, department, card, cancellationToken))
        {
            if (attained.Exists(a => a.ServiceMinutes > 0 && !a.Met))
            {
                departments.Add(code);
            }
        }

        await using var command = dataSource.CreateCommand(CreditedSql);
        command.Parameters.Add(new NpgsqlParameter<string>("closed", closed.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("open", open.ToString()));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            departments.Add(reader.GetString(0));
        }

        return [.. departments];
    }
}
