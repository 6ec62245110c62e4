using Broker.Silo.Hosting;
using Broker.TestSupport.Postgres;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class BrokerDataSourceTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=broker;Username=broker";

    [Fact]
    public void Statements_are_prepared_automatically_unless_turned_off_or_set_in_the_connection_string()
    {
        Assert.Equal(64, Settings(new StorageOptions { ConnectionString = Plain }).MaxAutoPrepare);
        Assert.Equal(2, Settings(new StorageOptions { ConnectionString = Plain }).AutoPrepareMinUsages);
        Assert.Equal(0, Settings(new StorageOptions { ConnectionString = Plain, MaxAutoPrepare = 0 }).MaxAutoPrepare);
        Assert.Equal(7, Settings(new StorageOptions { ConnectionString = Plain + ";Max Auto Prepare=7" }).MaxAutoPrepare);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public void The_prepared_statement_budget_is_validated_at_start(int value, bool valid)
    {
        var result = new BrokerOptionsValidator().Validate(null, new StorageOptions { ConnectionString = Plain, MaxAutoPrepare = value });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Broker:Storage:MaxAutoPrepare", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_statement_run_twice_on_one_connection_is_prepared_on_the_server()
    {
        var connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("autoprep");
        // One connection, so the second run meets the statement the first one counted.
        await using var dataSource = BrokerDataSource.Build(new StorageOptions { ConnectionString = connectionString + ";Maximum Pool Size=1" });
        for (var i = 0; i < 3; i++)
        {
            await using var command = dataSource.CreateCommand("select @x::int + 1");
            command.Parameters.AddWithValue("x", i);
            Assert.Equal(i + 1, await command.ExecuteScalarAsync());
        }

        await using var prepared = dataSource.CreateCommand("select count(*) from pg_prepared_statements where statement like 'select $1::int + 1%'");
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    private static NpgsqlConnectionStringBuilder Settings(StorageOptions options)
    {
        using var dataSource = BrokerDataSource.Build(options);
        return new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
    }
}
