using Npgsql;

namespace Broker.Silo.Chargeback;

/// <summary>What departments hold right now: the quota vectors of open ledger intervals, summed per dimension.</summary>
public sealed class OpenAllocations(NpgsqlDataSource dataSource)
{
    private const string SumSql = """
        select i.department, d.key, sum(d.value::numeric)
        from broker.usage_intervals i, jsonb_each_text(i.vector) d
        where i.ended_at is null
        group by i.department, d.key
        order by i.department, d.key
        """;

    public async Task<IReadOnlyList<(string Department, string Dimension, decimal Amount)>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SumSql);
        var list = new List<(string, string, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2)));
        }

        return list;
    }
}
