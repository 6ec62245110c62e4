using Npgsql;

namespace Broker.Silo.Sla;

/// <summary>
/// <c>broker.resource_availability</c>: the probe's verdicts, written only when a resource's state changes (a resource
/// without rows counts as up whenever its journal says it is ready, so a first "up" writes nothing either).
/// </summary>
public sealed class AvailabilityStore(NpgsqlDataSource dataSource)
{
    // The comparison with the latest row and the insert are one statement; two probes racing on one resource can at worst
    // both write the same state, which the fold reads as one change.
    private const string RecordSql = """
        insert into broker.resource_availability (resource_id, at, state, detail)
        select u.id, @at, u.state, u.detail
        from unnest(@ids, @states, @details) as u(id, state, detail)
        where u.state <> coalesce(
            (select a.state from broker.resource_availability a where a.resource_id = u.id order by a.at desc limit 1), 'up')
        on conflict (resource_id, at) do nothing
        """;

    private const string ReadSql = """
        select resource_id, at, state, detail from broker.resource_availability
        where resource_id = any(@ids) and at >= @from and at < @to
        union all
        (select distinct on (resource_id) resource_id, at, state, detail from broker.resource_availability
         where resource_id = any(@ids) and at < @from
         order by resource_id, at desc)
        """;

    /// <summary>Records what the probe saw at <paramref name="at"/>; returns how many resources changed state.</summary>
    public async Task<int> RecordAsync(DateTimeOffset at, IReadOnlyList<(string ResourceId, bool Up, string? Detail)> verdicts, CancellationToken cancellationToken = default)
    {
        if (verdicts.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. verdicts.Select(v => v.ResourceId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("states", [.. verdicts.Select(v => v.Up ? "up" : "down")]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("details", [.. verdicts.Select(v => v.Detail)]));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each resource's changes in [<paramref name="from"/>, <paramref name="to"/>), with the last one before it first.</summary>
    public async Task<Dictionary<string, List<AvailabilityChange>>> ReadAsync(
        IReadOnlyCollection<string> resourceIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var changes = new Dictionary<string, List<AvailabilityChange>>(StringComparer.Ordinal);
        if (resourceIds.Count == 0)
        {
            return changes;
        }

        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. resourceIds]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", from.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", to.ToUniversalTime()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!changes.TryGetValue(id, out var list))
            {
                changes[id] = list = [];
            }

            list.Add(new AvailabilityChange(reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2) == "up", reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        foreach (var list in changes.Values)
        {
            list.Sort((a, b) => a.At.CompareTo(b.At));
        }

        return changes;
    }
}
