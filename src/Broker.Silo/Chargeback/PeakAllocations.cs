using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Chargeback;

/// <summary>
/// Reads each system's peak concurrent allocation per dimension from <c>broker.usage_intervals</c>: a sweep over the
/// interval ends in time order, summing each dimension of the quota vector as intervals open and close. At one instant
/// closings count before openings, so the two halves of a resize are never held at once. Stopped VMs count: dedicated
/// hardware has to be sized for them all the same.
/// </summary>
public sealed class PeakAllocations(NpgsqlDataSource dataSource)
{
    private const string PeakSql = """
        with spans as (
            select department, system_id, vector,
                   greatest(started_at, @from) as s, least(coalesce(ended_at, 'infinity'::timestamptz), @to) as e
            from broker.usage_intervals
            where started_at < @to and (ended_at is null or ended_at > @from)
              and (@department::text is null or department = @department)
        ), deltas as (
            select department, system_id, d.key as dimension, s as at, d.value::numeric as delta
            from spans, jsonb_each_text(vector) d where s < e
            union all
            select department, system_id, d.key, e, -(d.value::numeric)
            from spans, jsonb_each_text(vector) d where s < e
        ), levels as (
            select department, system_id, dimension,
                   sum(delta) over (partition by department, system_id, dimension order by at, delta rows unbounded preceding) as level
            from deltas
        )
        select l.department, l.system_id, s.om_tier, l.dimension, max(l.level)::bigint
        from levels l
        left join broker.systems s on s.department = l.department and s.id = l.system_id
        group by l.department, l.system_id, s.om_tier, l.dimension
        order by l.department, l.system_id, l.dimension
        """;

    /// <summary>Peaks over [<paramref name="from"/>, <paramref name="to"/>) for one department, or all when null.</summary>
    public async Task<IReadOnlyList<SystemPeak>> ReadAsync(string? department, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PeakSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)department ?? DBNull.Value });
        var peaks = new List<SystemPeak>();
        Dictionary<string, long>? current = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (dep, system) = (reader.GetString(0), reader.GetString(1));
            if (current is null || peaks[^1].Department != dep || peaks[^1].SystemId != system)
            {
                current = new Dictionary<string, long>(StringComparer.Ordinal);
                peaks.Add(new SystemPeak(dep, system, reader.IsDBNull(2) ? null : reader.GetInt16(2), current));
            }

            current[reader.GetString(3)] = reader.GetInt64(4);
        }

        return peaks;
    }
}
