using Npgsql;

namespace Broker.Silo.Metering;

/// <summary>
/// The one transaction-scoped advisory lock every ledger writer takes: the relay (trying, so a second silo skips its
/// pass instead of waiting), usage imports and closing a month (waiting). Holding it while a month is closed means
/// nothing is written between the close's watermark and its frozen statements.
/// </summary>
public static class LedgerLock
{
    public const long Key = 0x4c4544474552; // "LEDGER"

    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long>("key", Key));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Waits for the lock, then answers the database clock: every row written later has a later written_at.</summary>
    public static async Task<DateTimeOffset> TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long>("key", Key));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var clock = new NpgsqlCommand("select clock_timestamp()", connection, transaction);
        return new DateTimeOffset((DateTime)(await clock.ExecuteScalarAsync(cancellationToken))!, TimeSpan.Zero);
    }
}
