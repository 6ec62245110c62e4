using Microsoft.Extensions.Configuration;

namespace Broker.Silo.Storage;

/// <summary>
/// Applies <see cref="ConnectionBudgetOptions"/> to a connection string: the pool's size and how long a caller waits
/// for a connection. What the configured connection string says about either is overridden, so the budget is the one
/// place that decides (see docs/security.md, "No one floods the service").
/// </summary>
public static class ConnectionBudget
{
    public static string Apply(string connectionString, int maxPoolSize, TimeSpan acquireTimeout) =>
        ConnectionStringEdit.Apply(connectionString, builder =>
        {
            if (maxPoolSize < 1 || acquireTimeout <= TimeSpan.Zero)
            {
                return false;
            }

            builder.MaxPoolSize = maxPoolSize;
            builder.Timeout = (int)Math.Min(1024, Math.Ceiling(acquireTimeout.TotalSeconds));
            if (builder.MinPoolSize > maxPoolSize)
            {
                builder.MinPoolSize = maxPoolSize;
            }

            return true;
        });

    /// <summary>The budget as bound from configuration, for the Orleans providers that are configured before the container is built.</summary>
    public static ConnectionBudgetOptions From(IConfiguration configuration) =>
        configuration.GetSection(ConnectionBudgetOptions.SectionName).Get<ConnectionBudgetOptions>() ?? new ConnectionBudgetOptions();

    /// <summary>The Orleans providers' connection string: the broker's database with the Orleans share of the budget.</summary>
    public static string ForOrleans(IConfiguration configuration)
    {
        var budget = From(configuration);
        return Apply(configuration.GetConnectionString(Hosting.StorageOptions.ConnectionStringName) ?? "", budget.Orleans, budget.AcquireTimeout);
    }
}
