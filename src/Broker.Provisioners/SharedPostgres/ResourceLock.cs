using Npgsql;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>
/// A session advisory lock per resource id on the admin connection, so that two brokers (or two calls) working on one
/// resource take turns: a session lock because CREATE DATABASE cannot run inside a transaction. It dies with the
/// session if the broker does, and Npgsql's reset on returning the connection to the pool releases it too.
/// </summary>
internal sealed class ResourceLock : IAsyncDisposable
{
    private const string KeyOf = "hashtextextended('broker.shared-postgres/' || $1, 0)";

    private readonly NpgsqlConnection connection;
    private readonly string resourceId;

    private ResourceLock(NpgsqlConnection connection, string resourceId)
    {
        this.connection = connection;
        this.resourceId = resourceId;
    }

    public static async Task<ResourceLock> AcquireAsync(NpgsqlConnection connection, string resourceId, CancellationToken cancellationToken)
    {
        await RunAsync(connection, $"select pg_advisory_lock({KeyOf})", resourceId, cancellationToken);
        return new ResourceLock(connection, resourceId);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            return; // A broken session has lost the lock with it.
        }

        try
        {
            await RunAsync(connection, $"select pg_advisory_unlock({KeyOf})", resourceId, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Must not hide the failure that got us here; closing the connection releases the lock at the latest.
            await connection.CloseAsync();
        }
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql, string resourceId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resourceId });
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
