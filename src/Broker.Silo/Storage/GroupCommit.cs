using System.Diagnostics;
using System.Threading.Channels;
using Broker.Silo.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Broker.Silo.Storage;

/// <summary>
/// Group commit: writes that arrive together share one transaction. Each grain awaits its own durable write before it
/// answers, so with many grains busy at once every answer would otherwise pay a commit (and its WAL flush) of its own.
/// The writes are queued; a writer takes everything queued so far and hands it to <c>writeMany</c> as one
/// transaction. When a shared transaction fails, its writes are retried one by one, so one writer's collision (a
/// second activation of the same grain, a replayed sequence number) fails only that writer; but not when PostgreSQL did
/// not answer at all (<see cref="Unanswered"/>): each retry would wait out the same timeouts again, one after another,
/// and the writers would still be retrying the outage's writes long after PostgreSQL returned.
/// </summary>
/// <typeparam name="T">One caller's write: everything that must commit together for that caller.</typeparam>
public sealed partial class GroupCommit<T> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly Func<IReadOnlyList<T>, Task> _writeMany;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly int _maxPerTransaction;
    private readonly Task[] _writers;

    /// <param name="name">What is written, for the log.</param>
    /// <param name="writeMany">Writes the given writes in one transaction, all or nothing.</param>
    /// <param name="logger">Where a failed shared transaction is reported.</param>
    /// <param name="maxPerTransaction">An upper bound on one transaction's size.</param>
    public GroupCommit(string name, Func<IReadOnlyList<T>, Task> writeMany, ILogger logger, int maxPerTransaction = 512)
    {
        _name = name;
        _writeMany = writeMany;
        _logger = logger;
        _maxPerTransaction = maxPerTransaction;
        // Two writers: one transaction in flight while the next one gathers. Started without the caller's execution
        // context: built lazily inside some request, they would otherwise carry that request's trace forever.
        using (ExecutionContext.SuppressFlow())
        {
            _writers = [Task.Run(WriteLoopAsync), Task.Run(WriteLoopAsync)];
        }
    }

    /// <summary>Completes when <paramref name="write"/> is committed; fails with the database's error if it could not be.</summary>
    public Task WriteAsync(T write)
    {
        var pending = new Pending(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context ?? default);
        return _queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new ObjectDisposedException(nameof(GroupCommit<T>)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxPerTransaction && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            using var activity = StartCommit(batch);
            try
            {
                await _writeMany(batch.Select(p => p.Write).ToList());
                batch.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex) when (batch.Count > 1 && !Unanswered(ex))
            {
                LogSharedWriteFailed(_logger, ex, _name, batch.Count);
                foreach (var pending in batch)
                {
                    try
                    {
                        await _writeMany([pending.Write]);
                        pending.Done.TrySetResult();
                    }
                    catch (Exception single)
                    {
                        pending.Done.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    /// <summary>
    /// The server did not answer or the connection broke (a timeout, an I/O error, no connection to be had), as opposed
    /// to PostgreSQL refusing the transaction (a duplicate key, a failed fence), which only one write may have caused.
    /// </summary>
    public static bool Unanswered(Exception exception) => exception is NpgsqlException and not PostgresException;

    /// <summary>
    /// The transaction as a span (<see cref="BrokerActivities.GroupCommit"/>), with its PostgreSQL commands under it: in
    /// the trace of the one traced write it carries, or, carrying several, in none of theirs but linked to each.
    /// </summary>
    private Activity? StartCommit(List<Pending> batch)
    {
        if (!BrokerActivities.Source.HasListeners())
        {
            return null;
        }

        var traced = batch.Where(p => p.Trace.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)).ToList();
        var activity = traced.Count switch
        {
            0 => null,
            1 => BrokerActivities.Source.StartActivity(BrokerActivities.GroupCommit, ActivityKind.Internal, traced[0].Trace),
            _ => BrokerActivities.Source.StartActivity(BrokerActivities.GroupCommit, ActivityKind.Internal, default(ActivityContext), links: traced.Select(p => new ActivityLink(p.Trace))),
        };
        activity?.SetTag(BrokerActivities.CommitTag, _name);
        activity?.SetTag(BrokerActivities.CommitWritesTag, batch.Count);
        return activity;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A shared {What} transaction of {Writes} writes failed; retrying them one by one")]
    private static partial void LogSharedWriteFailed(ILogger logger, Exception exception, string what, int writes);

    private sealed record Pending(T Write, TaskCompletionSource Done, ActivityContext Trace);
}
