using Broker.Contracts.Common;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Prometheus;

namespace Broker.Silo.Tenancy;

/// <summary>
/// One activation's side of the department journal. A decision is applied to <see cref="Data"/> at once and goes out
/// in the next write; everything decided while a write is in flight goes out together in the one after (group commit
/// within a department, which is what makes a hot department fast; <see cref="DepartmentJournalWriter"/> then shares
/// transactions across departments). <see cref="Durable"/> is only what PostgreSQL holds, the source of snapshots and
/// of gauges. The grain is reentrant but single-threaded, so none of this needs a lock.
/// </summary>
public sealed partial class DepartmentRecorder(
    string code,
    IPersistentState<DepartmentData> snapshot,
    DepartmentJournalWriter writer,
    QuotaOptions options,
    BrokerClock time,
    ILogger logger,
    Action onBroken,
    Action onDurable)
{
    private long _snapshotSeq;
    private List<JournalEntry> _pending = [];
    private List<AlongsideRows> _pendingAlongside = [];
    private TaskCompletionSource? _pendingDone;
    private Task _writing = Task.CompletedTask;
    private Task _snapshotting = Task.CompletedTask;
    private Exception? _broken;

    /// <summary>Every decision so far, durable or not: what decisions read and callers see.</summary>
    public DepartmentData Data { get; private set; } = new();

    /// <summary>Only what PostgreSQL holds.</summary>
    public DepartmentData Durable { get; private set; } = new();

    /// <summary>Completes when everything recorded so far is durable: a replay must not answer ahead of the first answer.</summary>
    public Task LastWrite { get; private set; } = Task.CompletedTask;

    /// <summary>A snapshot under way, which deactivation lets finish so the next activation replays less.</summary>
    public Task Snapshotting => _snapshotting;

    /// <summary>Rebuilds the state: the last snapshot, then the journal after it.</summary>
    public async Task LoadAsync(DepartmentJournal journal, CancellationToken cancellationToken)
    {
        Durable = snapshot.State ?? new DepartmentData();
        _snapshotSeq = Durable.Seq;
        foreach (var (seq, e) in await journal.ReadAfterAsync(code, Durable.Seq, cancellationToken))
        {
            Durable.Apply(seq, e);
        }

        Data = Durable.Clone();
    }

    /// <summary>
    /// Applies the events now and completes when PostgreSQL holds them, and <paramref name="alongside"/>'s rows with them
    /// in the same transaction. Fails when an earlier write failed: this activation is then on its way out.
    /// </summary>
    public Task Record(Actor actor, IReadOnlyList<DepartmentEvent> events, AlongsideRows? alongside = null)
    {
        if (_broken is not null)
        {
            return Task.FromException(new InvalidOperationException($"Department {code} lost a journal write and is reloading.", _broken));
        }

        foreach (var e in events)
        {
            var before = DepartmentAudit.Before(Data, e);
            var seq = Data.Seq + 1;
            Data.Apply(seq, e);
            _pending.Add(new JournalEntry(seq, e, actor.Subject, actor.CorrelationId, DepartmentAudit.For(code, actor, e, before, Data)));
        }

        if (alongside is not null)
        {
            _pendingAlongside.Add(alongside);
        }

        _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _pendingDone.Task;
        LastWrite = done;
        if (_writing.IsCompleted)
        {
            _writing = WriteAsync();
        }

        return done;
    }

    private async Task WriteAsync()
    {
        while (_pending.Count > 0)
        {
            var entries = _pending;
            var alongside = _pendingAlongside;
            var done = _pendingDone!;
            _pending = [];
            _pendingAlongside = [];
            _pendingDone = null;
            try
            {
                // The directory row is built from what the write makes durable; a copy, because until the write
                // succeeds Durable must stay what PostgreSQL holds. Directory changes are rare, so the copy is too.
                var directory = entries.Any(e => e.Event is DepartmentCreated or ProfileUpdated or DepartmentDeleted or LimitsSet)
                    ? Applied(Durable.Clone(), entries)
                    : null;
                using (BrokerMetrics.JournalWriteSeconds.NewTimer())
                {
                    await writer.WriteAsync(new DepartmentWrite(code, entries, directory, alongside));
                }

                Applied(Durable, entries);
                BrokerMetrics.JournalBatchEntries.Observe(entries.Count);
                done.SetResult();
                if (Durable.Seq - _snapshotSeq >= options.SnapshotEvery && _snapshotting.IsCompleted)
                {
                    _snapshotting = SnapshotAsync(Durable.Clone());
                }
            }
            catch (Exception ex)
            {
                // Memory is now ahead of PostgreSQL. Refuse every decision until this activation is gone; the next one
                // rebuilds from the journal, which holds exactly what callers were told. Until then, what is read is
                // what PostgreSQL held before this write: an alongside fence that failed is an ordinary cause, and its
                // reservation must not be seen as held in the meantime.
                _broken = ex;
                Data = Durable.Clone();
                BrokerMetrics.JournalWriteFailures.Inc();
                LogJournalWriteFailed(logger, ex, code);
                done.TrySetException(ex);
                _pendingDone?.TrySetException(ex);
                _pending.Clear();
                _pendingAlongside.Clear();
                onBroken();
                return;
            }

            onDurable();
        }
    }

    private static DepartmentData Applied(DepartmentData state, IEnumerable<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            state.Apply(entry.Seq, entry.Event);
        }

        return state;
    }

    /// <summary>
    /// Writes a copy of the durable state in the background, one at a time: a hot department's snapshot is large, and
    /// journal writes must not wait for it. Losing one only means a longer replay at the next activation.
    /// </summary>
    private async Task SnapshotAsync(DepartmentData copy)
    {
        copy.PruneFinished(time.GetUtcNow(), options.ReplayWindow, options.ReplayMaxEntries);
        _snapshotSeq = copy.Seq;
        try
        {
            snapshot.State = copy;
            await snapshot.WriteStateAsync();
        }
        catch (InconsistentStateException ex)
        {
            // Someone else wrote this department's snapshot: there is another activation. Stop deciding here.
            _broken = ex;
            LogJournalWriteFailed(logger, ex, code);
            onBroken();
        }
        catch (Exception ex)
        {
            // The journal is the truth; a missed snapshot costs only replay time.
            LogSnapshotFailed(logger, ex, code);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of department {Department} failed; the journal still holds everything")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string department);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal write for department {Department} failed; deactivating to reload from PostgreSQL")]
    private static partial void LogJournalWriteFailed(ILogger logger, Exception exception, string department);
}
