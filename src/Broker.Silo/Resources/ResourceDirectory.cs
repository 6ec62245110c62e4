using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Silo.Resources;

/// <summary>Lists a department's resources from <c>broker.resources</c> (written with every journal append).</summary>
public sealed class ResourceDirectory(NpgsqlDataSource dataSource)
{
    private const string ListSql = """
        select id from broker.resources
        where department = @department
          and (@state::text is null or state = @state)
          and (@system::text is null or system_id = @system)
          and (@kind::text is null or kind = @kind)
          and (@after::text is null or id > @after)
        order by id limit @limit
        """;

    private const string UnfinishedSql = "select id from broker.resources where state in ('approved', 'provisioning', 'updating', 'deleting')";

    // The moments ResourceGrain.LeaseAsync acts on: the warning (once), the stop of a ready VM at the end, the deletion
    // after the grace. A resource already warned and stopped is not listed again until its deletion is due. The state
    // filter repeats the partial index's predicate (0012) so the planner can use it.
    private const string LeaseDueSql = """
        select id from broker.resources
        where lease_end is not null and state not in ('pending-approval', 'deleting', 'deleted')
          and lease_end <= @warn_from
          and (not lease_expiring
               or (lease_end <= @now and kind = 'vm' and state = 'ready')
               or lease_end <= @delete_from)
        """;

    // The backend a resource was created on is in its first journal event (resource.created), not in its directory row:
    // only a silo start asks (configuration changes with a restart), one primary-key lookup per live resource.
    private const string OnOtherBackendsSql = """
        select r.id from broker.resources r
        join broker.resource_events e on e.resource_id = r.id and e.seq = 1
        where r.state not in ('pending-approval', 'failed', 'deleted')
          and not (coalesce(e.payload->>'backend', '') = any(@configured))
        """;

    // The directory row has no vector; a resource's last journal entry carries its spec's (primary key lookup).
    private const string HoldingsSql = """
        select r.department, r.id, r.state, r.updated_at, e.vector::text
        from broker.resources r
        cross join lateral (
            select vector from broker.resource_events v where v.resource_id = r.id order by v.seq desc limit 1) e
        where r.state not in ('deleted')
        """;

    public async Task<IReadOnlyList<string>> ListAsync(string department, string? state, string? system, string? kind, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string>("department", department));
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("system", NpgsqlDbType.Text) { Value = (object?)system ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await ReadIds(command, cancellationToken);
    }

    /// <summary>Resources in a converging state: work a crash or a deactivation may have interrupted, visited by every sweep.</summary>
    public async Task<IReadOnlyList<string>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UnfinishedSql);
        return await ReadIds(command, cancellationToken);
    }

    /// <summary>
    /// Resources with a lease moment due at <paramref name="now"/>: not yet warned though within
    /// <paramref name="warning"/> of the end, a ready VM past the end (to stop), or past the end by
    /// <paramref name="grace"/> (to delete).
    /// </summary>
    public async Task<IReadOnlyList<string>> LeaseDueAsync(DateTimeOffset now, TimeSpan warning, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(LeaseDueSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("warn_from", (now + warning).ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("delete_from", (now - grace).ToUniversalTime()));
        return await ReadIds(command, cancellationToken);
    }

    /// <summary>Live resources created on a backend that is not among <paramref name="configured"/>: to be failed, not reconciled.</summary>
    public async Task<IReadOnlyList<string>> OnOtherBackendsAsync(IReadOnlyCollection<string> configured, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(OnOtherBackendsSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("configured", [.. configured]));
        return await ReadIds(command, cancellationToken);
    }

    /// <summary>What every resource not deleted holds, with its department: the quota pass compares these with reservations.</summary>
    public async Task<IReadOnlyList<(string Department, ResourceHolding Holding)>> HoldingsAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(HoldingsSql);
        var holdings = new List<(string, ResourceHolding)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!WireText.TryParse<ResourceState>(reader.GetString(2), out var state))
            {
                throw new InvalidOperationException($"Resource {reader.GetString(1)} has an unknown state in the directory.");
            }

            holdings.Add((reader.GetString(0), new ResourceHolding(
                reader.GetString(1), state, BrokerJson.Deserialize<QuotaVector>(reader.GetString(4)), reader.GetFieldValue<DateTimeOffset>(3))));
        }

        return holdings;
    }

    private static async Task<IReadOnlyList<string>> ReadIds(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
