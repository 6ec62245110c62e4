using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Tenancy;

/// <summary>
/// Group commit across departments. Each department grain already batches its own decisions, but when many quiet
/// departments each write one entry, every admission would pay a commit of its own; this writer lets the writes
/// of all departments that arrive together share one transaction. A failed shared transaction is retried department
/// by department, so one department's collision (a second activation) fails only that department.
/// </summary>
public sealed partial class DepartmentJournalWriter : IAsyncDisposable
{
    private const int MaxDepartmentsPerTransaction = 512;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly DepartmentJournal _journal;
    private readonly ILogger<DepartmentJournalWriter> _logger;
    private readonly Task[] _writers;

    public DepartmentJournalWriter(DepartmentJournal journal, ILogger<DepartmentJournalWriter> logger)
    {
        _journal = journal;
        _logger = logger;
        // Two writers: one transaction in flight while the next one gathers, as the grains do for themselves.
        _writers = [Task.Run(WriteLoopAsync), Task.Run(WriteLoopAsync)];
    }

    /// <summary>Completes when the entries, their audit rows and the directory row are committed.</summary>
    public Task WriteAsync(string department, IReadOnlyList<JournalEntry> entries, DepartmentState? directory)
    {
        var write = new PendingWrite(department, entries, directory, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(write) ? write.Done.Task : Task.FromException(new ObjectDisposedException(nameof(DepartmentJournalWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxDepartmentsPerTransaction && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await _journal.AppendManyAsync(batch.Select(w => (w.Department, w.Entries, w.Directory)).ToList());
                batch.ForEach(w => w.Done.TrySetResult());
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                LogSharedWriteFailed(_logger, ex, batch.Count);
                foreach (var write in batch)
                {
                    try
                    {
                        await _journal.AppendAsync(write.Department, write.Entries, write.Directory);
                        write.Done.TrySetResult();
                    }
                    catch (Exception single)
                    {
                        write.Done.TrySetException(single);
                    }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A shared journal write of {Departments} departments failed; retrying them one by one")]
    private static partial void LogSharedWriteFailed(ILogger logger, Exception exception, int departments);

    private sealed record PendingWrite(string Department, IReadOnlyList<JournalEntry> Entries, DepartmentState? Directory, TaskCompletionSource Done);
}
