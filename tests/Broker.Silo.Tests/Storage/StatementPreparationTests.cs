using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class StatementPreparationTests
{
    [Fact]
    public void Statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(StatementPreparation.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(StatementPreparation.Apply("Host=db;Database=broker")).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(StatementPreparation.Apply("Host=db;Database=broker;Max Auto Prepare=5")).MaxAutoPrepare);
        Assert.Equal("not a connection string", StatementPreparation.Apply("not a connection string"));
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_prepared_statements_but_no_session_state_of_the_last_use()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("prepare");
        await using var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(StatementPreparation.Apply(connectionString)) { MaxPoolSize = 1, AutoPrepareMinUsages = 1 }.ConnectionString);

        await using (var first = await dataSource.OpenConnectionAsync())
        {
            await ExecuteAsync(first, "select pg_advisory_lock(4242)");
            await ExecuteAsync(first, "set statement_timeout = '7s'");
            await ExecuteAsync(first, "create temporary table leftover (x int)");
            await ExecuteAsync(first, "select 1 where 1 = 1");
        }

        // The pool holds one connection, so this is the same session, reset on its return.
        await using var second = await dataSource.OpenConnectionAsync();
        Assert.Equal(1L, await ScalarAsync(second, "select count(*) from pg_prepared_statements where statement = 'select 1 where 1 = 1'"));
        Assert.Equal(0L, await ScalarAsync(second, "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()"));
        Assert.Equal("0", await ScalarAsync(second, "show statement_timeout"));
        Assert.Null(await ScalarAsync(second, "select to_regclass('pg_temp.leftover')::text"));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }
}
