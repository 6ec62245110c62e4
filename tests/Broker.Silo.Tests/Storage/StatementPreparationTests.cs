using Broker.Silo.Storage;
using Broker.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class StatementPreparationTests
{
    [Fact]
    public void Statements_are_prepared_and_connections_not_reset_unless_the_connection_string_says_otherwise()
    {
        var applied = new NpgsqlConnectionStringBuilder(StatementPreparation.Apply("Host=db;Database=broker"));
        Assert.Equal((StatementPreparation.MaxAutoPrepare, true), (applied.MaxAutoPrepare, applied.NoResetOnClose));
        var configured = new NpgsqlConnectionStringBuilder(StatementPreparation.Apply("Host=db;Database=broker;Max Auto Prepare=5"));
        Assert.Equal((5, false), (configured.MaxAutoPrepare, configured.NoResetOnClose));
        Assert.Equal("not a connection string", StatementPreparation.Apply("not a connection string"));
    }

    [Fact]
    public async Task A_pooled_connection_keeps_its_prepared_statements_and_the_migrator_leaves_no_session_lock_in_the_pool()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("prepare");
        await using var dataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(StatementPreparation.Apply(connectionString)) { MaxPoolSize = 1, AutoPrepareMinUsages = 1 }.ConnectionString);

        // The migrator holds a session lock while it works; its session is closed afterwards, not returned to the pool.
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            await ExecuteAsync(first, "select 1 where 1 = 1");
        }

        // The pool holds one connection, so this is the same session, returned and taken again. Only this session's locks
        // count: other tests' migrators on the same server hold the same advisory lock in sessions of their own.
        await using var second = await dataSource.OpenConnectionAsync();
        Assert.Equal(1L, await ScalarAsync(second, "select count(*) from pg_prepared_statements where statement = 'select 1 where 1 = 1'"));
        Assert.Equal(0L, await ScalarAsync(second, "select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()"));
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
