using Broker.Provisioners.Contract;
using Npgsql;

namespace Broker.Silo.Resources;

/// <summary>
/// What the resource watch asks the directory (<c>broker.resources</c>): which resources the broker holds live, so
/// that an object deleted behind its back is told from one the broker deleted itself.
/// </summary>
public sealed class LiveResources(NpgsqlDataSource dataSource)
{
    // Ready and stopped: the states whose object must exist. Converging resources have their own timer and the sweeper.
    private const string LiveSql = "select id, department from broker.resources where kind = @kind and state in ('ready', 'stopped')";

    private const string IsLiveSql = "select exists (select 1 from broker.resources where id = @id and state in ('ready', 'stopped'))";

    /// <summary>Live resources of <paramref name="kind"/>, id to department.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OfKindAsync(WorkloadKind kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LiveSql);
        command.Parameters.Add(new NpgsqlParameter<string>("kind", kind == WorkloadKind.Vm ? "vm" : "database"));
        var live = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            live[reader.GetString(0)] = reader.GetString(1);
        }

        return live;
    }

    /// <summary>Whether the directory says the resource is ready or stopped (its object should exist).</summary>
    public async Task<bool> IsLiveAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(IsLiveSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
