using Npgsql;

namespace Broker.Api.Tests.Http;

/// <summary>
/// Row counts of every table a request can write, so a test can show that a refused request changed nothing. The
/// tests of one collection run one at a time, and nothing else writes to these tables in the edge host.
/// </summary>
public static class Footprint
{
    private const string CountSql = """
        select concat_ws(' ',
            (select count(*) from broker.departments), (select count(*) from broker.department_journal),
            (select count(*) from broker.audit_log), (select count(*) from broker.idempotency_keys),
            (select count(*) from broker.systems), (select count(*) from broker.orders),
            (select count(*) from broker.resources), (select count(*) from broker.resource_events),
            (select count(*) from broker.om_profiles), (select count(*) from broker.usage_imports),
            (select count(*) from broker.imported_usage), (select count(*) from broker.integrity_explanations),
            (select count(*) from broker.department_budgets), (select count(*) from broker.rate_cards))
        """;

    public static async Task<string> OfAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand(CountSql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
