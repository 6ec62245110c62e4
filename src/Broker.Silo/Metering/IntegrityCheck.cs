using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// The checks run before a month is closed, each one SQL statement over the month:
/// <list type="bullet">
/// <item>billed-not-existing: an interval of the month belongs to a resource the directory does not know, or is still
/// open although the resource is deleted;</item>
/// <item>existing-not-billed: a resource that became ready before the month ended and is not deleted has no interval in
/// the month (the relay is behind, or an event is missing);</item>
/// <item>overlapping-intervals: two intervals of one resource share time (the ledger tiles time per resource);</item>
/// <item>events-out-of-sequence: a journal sequence with a gap, or an event dated before its predecessor, in the month.</item>
/// </list>
/// </summary>
public sealed class IntegrityCheck(NpgsqlDataSource dataSource)
{
    private const string FindingsSql = """
        select 'billed-not-existing', i.resource_id, min(i.department),
               case when bool_or(r.id is null) then 'no such resource in the directory' else 'interval still open, resource ' || min(r.state) end
        from broker.usage_intervals i
        left join broker.resources r on r.id = i.resource_id
        where i.started_at < @end and (i.ended_at is null or i.ended_at > @start)
          and (r.id is null or (i.ended_at is null and r.state = 'deleted'))
        group by i.resource_id
        union all
        select 'existing-not-billed', r.id, r.department, 'resource ' || r.state || ', no interval in the month'
        from broker.resources r
        where r.state not in ('deleted', 'pending-approval', 'approved', 'provisioning')
          and exists (select 1 from broker.resource_events e where e.resource_id = r.id and e.type = 'resource.ready' and e.at < @end)
          and not exists (select 1 from broker.usage_intervals i where i.resource_id = r.id and i.started_at < @end and (i.ended_at is null or i.ended_at > @start))
          and not exists (select 1 from broker.resource_events e where e.resource_id = r.id and e.type in ('resource.deleting', 'resource.deleted') and e.at < @start)
        union all
        select distinct on (a.resource_id) 'overlapping-intervals', a.resource_id, a.department,
               'intervals opened by events ' || a.opened_seq || ' and ' || b.opened_seq || ' overlap'
        from broker.usage_intervals a
        join broker.usage_intervals b on b.resource_id = a.resource_id and b.opened_seq > a.opened_seq
        where a.started_at < @end and (a.ended_at is null or a.ended_at > @start)
          and b.started_at < coalesce(a.ended_at, 'infinity') and a.started_at < coalesce(b.ended_at, 'infinity')
          and b.started_at < @end and (b.ended_at is null or b.ended_at > @start)
        union all
        select distinct on (resource_id) 'events-out-of-sequence', resource_id, department,
               case when prev_seq is null then 'journal starts at ' || seq
                    when seq <> prev_seq + 1 then 'sequence ' || prev_seq || ' is followed by ' || seq
                    else 'event ' || seq || ' is dated before event ' || prev_seq end
        from (
            select resource_id, department, seq, at, lag(seq) over w as prev_seq, lag(at) over w as prev_at
            from broker.resource_events
            where resource_id in (select resource_id from broker.resource_events where at >= @start and at < @end)
            window w as (partition by resource_id order by seq)
        ) e
        where at >= @start and at < @end
          and ((prev_seq is null and seq <> 1) or seq <> prev_seq + 1 or at < prev_at)
        """;

    private const string ExplanationsSql = "select kind, resource_id, explanation, explained_by, explained_at from broker.integrity_explanations where period = @period";

    private const string ExplainSql = """
        insert into broker.integrity_explanations (period, kind, resource_id, explanation, explained_by, explained_at)
        values (@period, @kind, @resource, @explanation, @by, @at)
        on conflict (period, kind, resource_id) do update set explanation = excluded.explanation, explained_by = excluded.explained_by, explained_at = excluded.explained_at
        """;

    /// <summary>Every finding of the month with finance's explanation where there is one, ordered by kind and resource.</summary>
    public async Task<IReadOnlyList<IntegrityFinding>> FindAsync(BillingMonth month, CancellationToken cancellationToken = default)
    {
        var explanations = new Dictionary<(string, string), (string Text, string By, DateTimeOffset At)>();
        await using (var command = dataSource.CreateCommand(ExplanationsSql))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("period", month.ToString()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                explanations[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
            }
        }

        var findings = new List<IntegrityFinding>();
        await using (var command = dataSource.CreateCommand(FindingsSql))
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("start", month.Start));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("end", month.End));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var finding = new IntegrityFinding(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
                findings.Add(explanations.TryGetValue((finding.Kind, finding.ResourceId), out var e)
                    ? finding with { Explanation = e.Text, ExplainedBy = e.By, ExplainedAt = e.At }
                    : finding);
            }
        }

        return findings
            .OrderBy(f => Array.IndexOf(IntegrityFinding.Kinds, f.Kind))
            .ThenBy(f => f.ResourceId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Records finance's explanation of a finding the month has now, with an audit row (who explained what, and the
    /// explanation it replaced) in the same transaction. False, and nothing written, when there is no such finding.
    /// </summary>
    public async Task<bool> ExplainAsync(
        BillingMonth month, string kind, string resourceId, string explanation, string actor, string correlationId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var finding = (await FindAsync(month, cancellationToken))
            .FirstOrDefault(f => f.Kind == kind && string.Equals(f.ResourceId, resourceId, StringComparison.Ordinal));
        if (finding is null)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var command = new NpgsqlBatchCommand(ExplainSql);
        command.Parameters.Add(new NpgsqlParameter<string>("period", month.ToString()));
        command.Parameters.Add(new NpgsqlParameter<string>("kind", kind));
        command.Parameters.Add(new NpgsqlParameter<string>("resource", resourceId));
        command.Parameters.Add(new NpgsqlParameter<string>("explanation", explanation));
        command.Parameters.Add(new NpgsqlParameter<string>("by", actor));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", at));
        batch.BatchCommands.Add(command);
        var before = finding.Explanation is null ? null : BrokerJson.Serialize(new { explanation = finding.Explanation, explainedBy = finding.ExplainedBy, explainedAt = finding.ExplainedAt });
        AuditLog.AddInsert(batch, [new AuditEntry(at, actor, null, finding.Department, "integrity-finding", $"{month}/{kind}/{resourceId}", "integrity.explained",
            before, BrokerJson.Serialize(new { explanation, detail = finding.Detail }), correlationId)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
