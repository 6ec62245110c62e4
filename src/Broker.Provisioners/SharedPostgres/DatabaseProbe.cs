using Broker.Provisioners.Contract;
using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// A real connection to one tenant database, as its department's application would make one: the admin role is a
/// member of the resource's role (<c>GRANT role TO CURRENT_USER</c>, docs/provisioning-shared-postgres.md), so it holds the
/// database's CONNECT through it. Unpooled: a pool per tenant database would keep a connection to each of them open.
/// </summary>
internal static class DatabaseProbe
{
    /// <summary>The database's own connection limit reached by its tenant: the server answered and the database serves.</summary>
    private const string TooManyConnections = "53300";

    public static async Task<DatabaseProbeResult> RunAsync(
        NpgsqlDataSource admin, SharedPostgresOptions options, string resourceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            ObservedResource observed;
            await using (var connection = await admin.OpenConnectionAsync(deadline.Token))
            {
                observed = await ResourceObservation.ReadAsync(connection, options, resourceId, deadline.Token);
            }

            if (observed.Phase == ObservedPhase.Absent || !observed.Outputs.TryGetValue("database", out var database))
            {
                return new DatabaseProbeResult(false, "Shared PostgreSQL: the resource's role or database is missing.");
            }

            var target = new NpgsqlConnectionStringBuilder(options.AdminConnectionString)
            {
                Database = database,
                Pooling = false,
                Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
            };
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(deadline.Token);
            await using var command = new NpgsqlCommand("select 1", probe);
            await command.ExecuteScalarAsync(deadline.Token);
            return DatabaseProbeResult.Serving;
        }
        catch (PostgresException e) when (e.SqlState == TooManyConnections)
        {
            return DatabaseProbeResult.Serving;
        }
        catch (PostgresException e)
        {
            return new DatabaseProbeResult(false, $"Shared PostgreSQL: connecting to the database failed: {e.SqlState} {e.MessageText}");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new DatabaseProbeResult(false, $"Shared PostgreSQL: the server could not be reached or did not answer within {timeout.TotalSeconds:0.#} s ({e.GetType().Name}).");
        }
    }
}
