using Broker.Silo.Storage;
using Npgsql;

namespace Broker.Silo.Tests.Storage;

public sealed class ConnectionBudgetOptionsTests
{
    [Fact]
    public void The_default_budget_fits_a_default_server_with_its_reserve()
    {
        var options = new ConnectionBudgetOptions();

        Assert.True(new ConnectionBudgetValidator().Validate(null, options).Succeeded);
        Assert.True(options.PerProcess <= options.ServerMaxConnections - options.Reserve);
    }

    [Fact]
    public void Pools_that_together_exceed_the_server_are_refused_at_start_with_the_arithmetic()
    {
        var options = new ConnectionBudgetOptions { Processes = 2 };

        var result = new ConnectionBudgetValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Processes (2) x (Broker 40 + Orleans 12 + SharedPostgres 4) exceeds ServerMaxConnections (100) - Reserve (20) = 80", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var options = new ConnectionBudgetOptions { Broker = 0, Reserve = -1, AcquireTimeout = TimeSpan.Zero };

        Assert.Equal(3, new ConnectionBudgetValidator().Validate(null, options).Failures!.Count());
    }

    [Fact]
    public void The_budget_overrides_the_pool_size_and_timeout_of_a_connection_string()
    {
        var applied = new NpgsqlConnectionStringBuilder(
            ConnectionBudget.Apply("Host=db;Database=broker;Maximum Pool Size=100;Minimum Pool Size=50;Timeout=5", 12, TimeSpan.FromSeconds(30)));

        Assert.Equal(12, applied.MaxPoolSize);
        Assert.Equal(12, applied.MinPoolSize);
        Assert.Equal(30, applied.Timeout);
        Assert.Equal("db", applied.Host);
    }
}
