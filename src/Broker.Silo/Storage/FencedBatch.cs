using Broker.Silo.Audit;
using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// The write half of optimistic concurrency for group-committed stores: one fenced statement per write (it touches its
/// row only if the stored version is the one the writer read) and the writes' audit rows, in one transaction that
/// commits only if every fenced statement touched exactly one row. Otherwise nothing is written, not even an audit
/// row, and the stale writes are named, so <see cref="GroupCommit{T}"/> retries the others one by one.
/// </summary>
public static class FencedBatch
{
    /// <param name="change">Builds a write's fenced statement (afresh for each attempt: a batch command belongs to one batch).</param>
    /// <param name="stale">The error message naming the writes whose fence failed.</param>
    public static async Task CommitAsync<T>(
        NpgsqlDataSource dataSource, IReadOnlyList<T> writes, Func<T, NpgsqlBatchCommand> change, IReadOnlyCollection<AuditEntry> audits,
        Func<IReadOnlyList<T>, string> stale)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var changes = writes.Select(change).ToList();
        changes.ForEach(batch.BatchCommands.Add);
        AuditLog.AddInsert(batch, audits);
        await batch.ExecuteNonQueryAsync();
        var failed = writes.Where((_, i) => changes[i].RecordsAffected != 1).ToList();
        if (failed.Count > 0)
        {
            await transaction.RollbackAsync();
            throw new InvalidOperationException(stale(failed));
        }

        await transaction.CommitAsync();
    }
}
