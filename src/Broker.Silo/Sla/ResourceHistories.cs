using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Sla;

/// <summary>
/// Reads, from the resource journal (the grain's own truth, so nothing is recorded twice), the lifecycle of every
/// resource that may have existed in a period, and where it runs (backend and pool, from its creation event).
/// </summary>
public sealed class ResourceHistories(NpgsqlDataSource dataSource)
{
    private const string HistorySql = """
        select e.resource_id, e.at, e.state, coalesce((e.payload->>'running')::boolean, true),
               e.department, e.system_id, e.plan_code, e.sla_tier, c.payload->>'backend', c.payload->'creation'->>'pool'
        from broker.resources r
        join broker.resource_events c on c.resource_id = r.id and c.seq = 1
        join broker.resource_events e on e.resource_id = r.id
        where r.created_at < @to
          and (r.state <> 'deleted' or r.updated_at >= @from)
          and (@department::text is null or r.department = @department)
          and e.at < @to
          and e.type not in ('resource.lease-changed', 'resource.lease-expiring', 'resource.credentials-issued')
        order by e.resource_id, e.seq
        """;

    private const string LiveSql = """
        select r.id, c.payload->>'backend'
        from broker.resources r
        join broker.resource_events c on c.resource_id = r.id and c.seq = 1
        where r.state = 'ready'
        order by r.id
        """;

    /// <summary>Histories without observations (the caller adds them from <see cref="AvailabilityStore"/>).</summary>
    public async Task<IReadOnlyList<ResourceHistory>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string? departmentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(HistorySql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Text) { Value = (object?)departmentId ?? DBNull.Value });
        var histories = new List<ResourceHistory>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        ResourceHistory? current = null;
        List<LifecycleStep> steps = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (current?.ResourceId != id)
            {
                steps = [];
                current = new ResourceHistory(id, "", "", "", "", reader.IsDBNull(8) ? "" : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), steps, []);
                histories.Add(current);
            }

            steps.Add(new LifecycleStep(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetBoolean(3)));
            // The latest row names where the resource stands now: its department, system, plan and tier.
            histories[^1] = current = current with
            {
                DepartmentId = reader.GetString(4),
                SystemId = reader.GetString(5),
                PlanCode = reader.GetString(6),
                TierCode = reader.GetString(7),
            };
        }

        return histories;
    }

    /// <summary>The resources the probe asks about: those ready now, with the backend they were created on.</summary>
    public async Task<IReadOnlyList<(string ResourceId, string Backend)>> LiveAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LiveSql);
        var live = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }

        return live;
    }
}
