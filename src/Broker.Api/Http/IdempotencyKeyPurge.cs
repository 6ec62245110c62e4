using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Api.Http;

/// <summary>
/// Deletes stored Idempotency-Key answers older than the window, in batches. Without it the table grows by every
/// create ever made. Several API processes may purge at once: deleting a row twice is harmless.
/// </summary>
public sealed partial class IdempotencyKeyPurge(NpgsqlDataSource dataSource, IOptions<IdempotencyOptions> options, ILogger<IdempotencyKeyPurge> logger)
{
    // The database clock both stamps created_at and judges age, so a process with a skewed clock cannot purge early.
    private const string PurgeSql = """
        delete from broker.idempotency_keys
        where ctid in (select ctid from broker.idempotency_keys where created_at < now() - @window limit @batch)
        """;

    /// <summary>Deletes every expired key; returns how many.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        long total = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(PurgeSql);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan>("window", settings.Window));
            command.Parameters.Add(new NpgsqlParameter<int>("batch", settings.PurgeBatch));
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            total += deleted;
            if (deleted < settings.PurgeBatch)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogPurged(logger, total, settings.Window);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} idempotency keys older than {Window}")]
    private static partial void LogPurged(ILogger logger, long count, TimeSpan window);
}
