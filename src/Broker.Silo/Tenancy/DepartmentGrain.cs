using Broker.Contracts.Common;
using Broker.Contracts.Namespaces;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Audit;
using Broker.Silo.Diagnostics;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using Prometheus;
using Broker.Silo.Hosting;

namespace Broker.Silo.Tenancy;

/// <summary>
/// A department's profile and quota. Decisions are made in memory, one at a time (no await between reading the
/// state and applying the decision), and a caller hears the answer only once the journal entry is in PostgreSQL.
/// The grain is reentrant so that decisions keep being made while a write is in flight; everything decided in the
/// meantime goes out in the next write (group commit), which is what makes a hot department fast.
/// </summary>
[Reentrant]
public sealed partial class DepartmentGrain(
    [PersistentState("department", DepartmentGrain.StorageName)] IPersistentState<DepartmentState> snapshot,
    DepartmentJournal journal,
    DepartmentJournalWriter writer,
    QuotaValidation validation,
    BrokerClock time,
    IOptions<QuotaOptions> options,
    ILogger<DepartmentGrain> logger) : Grain, IDepartmentGrain, IRemindable
{
    public const string StorageName = "departments";
    private const string ExpiryReminder = "reservation-expiry";

    private readonly QuotaOptions _options = options.Value;
    private DepartmentState _state = new();   // every decision so far, durable or not
    private DepartmentState _durable = new(); // only what PostgreSQL holds; the source of snapshots
    private long _snapshotSeq;
    private List<JournalEntry> _pending = [];
    private List<AlongsideRows> _pendingAlongside = [];
    private TaskCompletionSource? _pendingDone;
    private Task _writer = Task.CompletedTask;
    private Task _lastWrite = Task.CompletedTask;
    private Task _snapshotting = Task.CompletedTask;
    private Exception? _broken;
    private bool _reminderRegistered;

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _durable = snapshot.State ?? new DepartmentState();
        _snapshotSeq = _durable.Seq;
        foreach (var (seq, e) in await journal.ReadAfterAsync(Code, _durable.Seq, cancellationToken))
        {
            _durable.Apply(seq, e);
        }

        _state = _durable.Clone();
        this.RegisterGrainTimer(SweepAsync, _options.ExpirySweepInterval, _options.ExpirySweepInterval);
        if (_state.Live.Values.Any(r => r.State == ReservationState.Held))
        {
            await EnsureReminderAsync();
        }

        PublishGauges();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Let a snapshot under way finish, so the next activation replays less.
        await _snapshotting;
    }

    public async Task<DepartmentView?> GetAsync()
    {
        await ExpireDueAsync();
        return _state.Exists ? _state.ToView(Code) : null;
    }

    public async Task<QuotaView?> GetQuotaAsync()
    {
        await ExpireDueAsync();
        return _state.Exists ? _state.ToQuotaView(Code) : null;
    }

    public async Task<ReservationView?> GetReservationAsync(string reservationId, ReservationOwner owner)
    {
        await ExpireDueAsync();
        return _state.Exists ? _state.Find(owner, reservationId)?.ToView() : null;
    }

    public async Task<IReadOnlyList<ReservationView>> ListReservationsAsync(ReservationOwner owner)
    {
        await ExpireDueAsync();
        return _state.Live.Values.Where(r => r.Owner == owner)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToView()).ToList();
    }

    public async Task<DepartmentResult> CreateAsync(DepartmentProfile profile, QuotaVector limits, Actor actor)
    {
        var invalid = validation.Vector("limits", limits, isLimit: true);
        if (invalid.Count > 0)
        {
            return new DepartmentResult(null, invalid[0]);
        }

        if (_state.Exists)
        {
            await _lastWrite;
            return _state.Profile == profile && _state.Limits == limits
                ? new DepartmentResult(_state.ToView(Code), null)
                : new DepartmentResult(null, new BrokerError(BrokerErrorKind.Conflict, "department.exists", "code"));
        }

        await Record(actor, new DepartmentCreated(Now, profile, limits));
        await NamespaceTakesNoteAsync();
        return new DepartmentResult(_state.ToView(Code), null);
    }

    public async Task<DepartmentResult> UpdateProfileAsync(DepartmentProfile profile, Actor actor)
    {
        if (!_state.Exists)
        {
            return new DepartmentResult(null, NotFound("department.not-found"));
        }

        if (_state.Profile != profile)
        {
            await Record(actor, new ProfileUpdated(Now, profile));
        }

        return new DepartmentResult(_state.ToView(Code), null);
    }

    public async Task<DepartmentResult> SetLimitsAsync(QuotaVector limits, Actor actor)
    {
        var invalid = validation.Vector("limits", limits, isLimit: true);
        if (invalid.Count > 0)
        {
            return new DepartmentResult(null, invalid[0]);
        }

        if (!_state.Exists)
        {
            return new DepartmentResult(null, NotFound("department.not-found"));
        }

        if (_state.Limits != limits)
        {
            await Record(actor, new LimitsSet(Now, limits));
        }

        // Also when unchanged: a caller retrying after a failed notification must still reach the namespace.
        await NamespaceTakesNoteAsync();
        return new DepartmentResult(_state.ToView(Code), null);
    }

    public async Task<BrokerError?> DeleteAsync(Actor actor)
    {
        await ExpireDueAsync();
        if (!_state.Exists)
        {
            return NotFound("department.not-found");
        }

        if (_state.Live.Count > 0)
        {
            return new BrokerError(BrokerErrorKind.Conflict, "department.in-use", null, _state.Live.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Record(actor, new DepartmentDeleted(Now));
        return null;
    }

    public async Task<ReservationResult> ReserveAsync(ReservationRequest request, ReservationOwner owner, Actor actor)
    {
        var invalid = validation.Vector("vector", request.Vector, isLimit: false).FirstOrDefault() ?? validation.Ttl("ttl", request.Ttl);
        if (invalid is not null)
        {
            return new ReservationResult(null, invalid, false);
        }

        await ExpireDueAsync();
        if (!_state.Exists)
        {
            return new ReservationResult(null, NotFound("department.not-found"), false);
        }

        if (_state.Find(owner, request.Id) is { } existing)
        {
            if (existing.Vector != request.Vector || existing.Ttl != request.Ttl)
            {
                BrokerMetrics.ReservationDecisions.WithLabels("conflict").Inc();
                return new ReservationResult(existing.ToView(), new BrokerError(BrokerErrorKind.Conflict, "reservation.id-reused", "id"), false);
            }

            // The first answer may still be on its way to PostgreSQL; a replay must not get ahead of it.
            await _lastWrite;
            BrokerMetrics.ReservationDecisions.WithLabels("replayed").Inc();
            return Answer(existing, replayed: true);
        }

        if (_state.Profile!.Status == DepartmentStatus.Suspended)
        {
            return new ReservationResult(null, new BrokerError(BrokerErrorKind.Conflict, "department.suspended"), false);
        }

        var shortfalls = QuotaDecisions.Shortfalls(_state.Limits, _state.Used, _state.Reserved, request.Vector);
        var now = Now;
        DepartmentEvent decision = shortfalls.Count == 0
            ? new ReservationHeld(now, request.Id, request.Vector, request.Ttl, now + request.Ttl, owner)
            : new ReservationDenied(now, request.Id, request.Vector, request.Ttl, shortfalls, owner);
        var written = Record(actor, decision);
        if (shortfalls.Count == 0 && !_reminderRegistered)
        {
            await EnsureReminderAsync();
        }

        await written;
        BrokerMetrics.ReservationDecisions.WithLabels(shortfalls.Count == 0 ? "granted" : "denied").Inc();
        return Answer(_state.Find(owner, request.Id)!, replayed: false);
    }

    public Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor) =>
        ReserveManyAsync(requests, owner, actor, null);

    public async Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor, AlongsideWrite? alongside)
    {
        var rows = alongside is null ? null : writer.Alongside.Resolve(alongside);
        var invalid = requests.Count == 0
            ? new BrokerError(BrokerErrorKind.Invalid, "vector.empty", "requests")
            : requests.Select(r => validation.Vector("vector", r.Vector, isLimit: false).FirstOrDefault() ?? validation.Ttl("ttl", r.Ttl)).FirstOrDefault(e => e is not null)
              ?? (requests.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count() != requests.Count ? new BrokerError(BrokerErrorKind.Invalid, "reservation.id-reused", "id") : null);
        if (invalid is not null)
        {
            return new ReservationBatchResult([], invalid, [], false);
        }

        await ExpireDueAsync();
        if (!_state.Exists)
        {
            return new ReservationBatchResult([], NotFound("department.not-found"), [], false);
        }

        var existing = requests.Select(r => _state.Find(owner, r.Id)).ToList();
        if (existing.Any(e => e is not null))
        {
            var sameSet = existing.Zip(requests).All(p => p.First is { } e && e.Vector == p.Second.Vector && e.Ttl == p.Second.Ttl);
            if (!sameSet)
            {
                return new ReservationBatchResult([], new BrokerError(BrokerErrorKind.Conflict, "reservation.id-reused", "id"), [], false);
            }

            await _lastWrite;
            var views = existing.Select(e => e!.ToView()).ToList();
            var denied = views[0].State == ReservationState.Denied;
            return new ReservationBatchResult(views, denied ? new BrokerError(BrokerErrorKind.Denied, "quota.exceeded", "vector") : null, views[0].Shortfalls, true);
        }

        if (_state.Profile!.Status == DepartmentStatus.Suspended)
        {
            return new ReservationBatchResult([], new BrokerError(BrokerErrorKind.Conflict, "department.suspended"), [], false);
        }

        var total = requests.Aggregate(QuotaVector.Empty, (sum, r) => sum.Add(r.Vector));
        var shortfalls = QuotaDecisions.Shortfalls(_state.Limits, _state.Used, _state.Reserved, total);
        var now = Now;
        var events = requests.Select(r => shortfalls.Count == 0
            ? (DepartmentEvent)new ReservationHeld(now, r.Id, r.Vector, r.Ttl, now + r.Ttl, owner)
            : new ReservationDenied(now, r.Id, r.Vector, r.Ttl, shortfalls, owner)).ToArray();
        // A refusal writes nothing alongside: the caller's rows record a decision that was not made.
        var written = Record(actor, events, shortfalls.Count == 0 ? rows : null);
        if (shortfalls.Count == 0 && !_reminderRegistered)
        {
            await EnsureReminderAsync();
        }

        await written;
        BrokerMetrics.ReservationDecisions.WithLabels(shortfalls.Count == 0 ? "granted" : "denied").Inc(requests.Count);
        return new ReservationBatchResult(
            requests.Select(r => _state.Find(owner, r.Id)!.ToView()).ToList(),
            shortfalls.Count == 0 ? null : new BrokerError(BrokerErrorKind.Denied, "quota.exceeded", "vector"),
            shortfalls,
            false);
    }

    public async Task<ReservationResult> ResizeAsync(string reservationId, QuotaVector vector, ReservationOwner owner, Actor actor)
    {
        if (validation.Vector("vector", vector, isLimit: false).FirstOrDefault() is { } invalid)
        {
            return new ReservationResult(null, invalid, false);
        }

        await ExpireDueAsync();
        var current = _state.Exists ? _state.Find(owner, reservationId) : null;
        if (current is null)
        {
            return new ReservationResult(null, NotFound("reservation.not-found"), false);
        }

        if (!current.IsLive)
        {
            return new ReservationResult(current.ToView(), new BrokerError(BrokerErrorKind.Conflict, "reservation.not-held", "state", WireText.Of(current.State)), false);
        }

        if (current.Vector == vector)
        {
            await _lastWrite;
            return new ReservationResult(current.ToView(), null, true);
        }

        // Only growth has to fit; what shrinks is given back.
        var growth = new QuotaVector(vector.Subtract(current.Vector).Amounts.Where(p => p.Value > 0));
        var shortfalls = QuotaDecisions.Shortfalls(_state.Limits, _state.Used, _state.Reserved, growth);
        if (shortfalls.Count > 0)
        {
            return new ReservationResult(current.ToView() with { Shortfalls = shortfalls }, new BrokerError(BrokerErrorKind.Denied, "quota.exceeded", "vector"), false);
        }

        await Record(actor, new ReservationResized(Now, reservationId, vector, owner));
        return new ReservationResult(_state.Find(owner, reservationId)!.ToView(), null, false);
    }

    public async Task<ReservationResult> CommitAsync(string reservationId, ReservationOwner owner, Actor actor)
    {
        await ExpireDueAsync();
        switch (_state.Exists ? _state.Find(owner, reservationId) : null)
        {
            case null:
                return new ReservationResult(null, NotFound("reservation.not-found"), false);
            case { State: ReservationState.Committed } committed:
                await _lastWrite;
                return Answer(committed, replayed: true);
            case { State: ReservationState.Held }:
                await Record(actor, new ReservationCommitted(Now, reservationId, owner));
                BrokerMetrics.ReservationTransitions.WithLabels("committed").Inc();
                return Answer(_state.Find(owner, reservationId)!, replayed: false);
            case var other:
                return new ReservationResult(other.ToView(), new BrokerError(BrokerErrorKind.Conflict, "reservation.not-held", "state", WireText.Of(other.State)), false);
        }
    }

    public async Task<ReservationResult> ReleaseAsync(string reservationId, ReservationOwner owner, Actor actor)
    {
        await ExpireDueAsync();
        switch (_state.Exists ? _state.Find(owner, reservationId) : null)
        {
            case null:
                return new ReservationResult(null, NotFound("reservation.not-found"), false);
            case { IsLive: true }:
                await Record(actor, new ReservationReleased(Now, reservationId, owner));
                BrokerMetrics.ReservationTransitions.WithLabels("released").Inc();
                return new ReservationResult(_state.Find(owner, reservationId)!.ToView(), null, false);
            case var finished:
                // Released, expired or denied: nothing is held, so releasing again is the same answer.
                await _lastWrite;
                return new ReservationResult(finished.ToView(), null, true);
        }
    }

    public async Task<int> ReconcileQuotaAsync(IReadOnlyList<ResourceHolding> resources)
    {
        await ExpireDueAsync();
        if (!_state.Exists)
        {
            return 0;
        }

        var now = Now;
        var repairs = QuotaDrift.Repairs(_state.Live.Values.Concat(_state.Finished.Values), resources, now, _options.DriftGrace);
        if (repairs.Count == 0)
        {
            return 0;
        }

        await Record(
            Actor.System("quota-reconcile"),
            repairs.Select(r => (DepartmentEvent)new ReservationRepaired(now, r.Id, r.Target, WireText.Of(r.Kind))).ToArray());
        foreach (var kind in repairs.GroupBy(r => r.Kind))
        {
            BrokerMetrics.QuotaDriftRepaired.WithLabels(Code, WireText.Of(kind.Key)).Inc(kind.Count());
        }

        LogDriftRepaired(logger, repairs.Count, Code);
        return repairs.Count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueAsync();
        if (!_state.Live.Values.Any(r => r.State == ReservationState.Held) && _reminderRegistered)
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = false;
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// After the change is durable: the namespace reconciler schedules its reminder before answering, so the cluster
    /// follows even if this silo crashes right after (the reminder, not this call, is the guarantee).
    /// </summary>
    private Task NamespaceTakesNoteAsync() => GrainFactory.GetGrain<INamespaceGrain>(Code).QuotaChangedAsync();

    private static BrokerError NotFound(string code) => new(BrokerErrorKind.NotFound, code);


    private static ReservationResult Answer(Reservation reservation, bool replayed) =>
        reservation.State == ReservationState.Denied
            ? new ReservationResult(reservation.ToView(), new BrokerError(BrokerErrorKind.Denied, "quota.exceeded", "vector"), replayed)
            : new ReservationResult(reservation.ToView(), null, replayed);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await ExpireDueAsync();
        _state.PruneFinished(Now, _options.ReplayWindow, _options.ReplayMaxEntries);
    }

    private Task ExpireDueAsync()
    {
        var now = Now;
        var due = _state.Live.Values
            .Where(r => r.State == ReservationState.Held && r.ExpiresAt <= now)
            .Select(r => (DepartmentEvent)new ReservationExpired(now, r.Id, r.Owner))
            .ToArray();
        if (due.Length == 0)
        {
            return Task.CompletedTask;
        }

        BrokerMetrics.ReservationTransitions.WithLabels("expired").Inc(due.Length);
        return Record(Actor.System("reservation-expiry"), due);
    }

    private async Task EnsureReminderAsync()
    {
        // The reminder only guarantees that a department with holds is activated after a restart so that its
        // holds expire; the timer does the frequent sweeping while the grain is active.
        _reminderRegistered = true;
        await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private Task Record(Actor actor, params DepartmentEvent[] events) => Record(actor, events, null);

    /// <summary>Applies the events now and completes when PostgreSQL holds them (and <paramref name="alongside"/>'s rows with them).</summary>
    private Task Record(Actor actor, DepartmentEvent[] events, AlongsideRows? alongside)
    {
        if (_broken is not null)
        {
            return Task.FromException(new InvalidOperationException($"Department {Code} lost a journal write and is reloading.", _broken));
        }

        foreach (var e in events)
        {
            var before = e is not ReservationHeld && Target(e) is (var owner, var id) ? _state.Find(owner, id)?.ToView() : null;
            var beforeProfile = _state.Profile;
            var beforeLimits = _state.Limits;
            var seq = _state.Seq + 1;
            _state.Apply(seq, e);
            _pending.Add(new JournalEntry(seq, e, actor.Subject, actor.CorrelationId, AuditFor(e, actor, before, beforeProfile, beforeLimits)));
        }

        if (alongside is not null)
        {
            _pendingAlongside.Add(alongside);
        }

        _pendingDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = _pendingDone.Task;
        _lastWrite = done;
        if (_writer.IsCompleted)
        {
            _writer = WriteAsync();
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
                // succeeds _durable must stay what PostgreSQL holds. Directory changes are rare, so the copy is too.
                var directory = entries.Any(e => e.Event is DepartmentCreated or ProfileUpdated or DepartmentDeleted or LimitsSet)
                    ? Applied(_durable.Clone(), entries)
                    : null;
                using (BrokerMetrics.JournalWriteSeconds.NewTimer())
                {
                    await writer.WriteAsync(new DepartmentWrite(Code, entries, directory, alongside));
                }

                Applied(_durable, entries);
                BrokerMetrics.JournalBatchEntries.Observe(entries.Count);
                done.SetResult();
                if (_durable.Seq - _snapshotSeq >= _options.SnapshotEvery && _snapshotting.IsCompleted)
                {
                    _snapshotting = SnapshotAsync(_durable.Clone());
                }
            }
            catch (Exception ex)
            {
                // Memory is now ahead of PostgreSQL. Refuse everything until this activation is gone; the next one
                // rebuilds from the journal, which holds exactly what callers were told.
                // Until then, what is read is what PostgreSQL held before this write (an alongside fence that failed
                // is an ordinary cause, and its reservation must not be seen as held in the meantime).
                _broken = ex;
                _state = _durable.Clone();
                BrokerMetrics.JournalWriteFailures.Inc();
                LogJournalWriteFailed(logger, ex, Code);
                done.TrySetException(ex);
                _pendingDone?.TrySetException(ex);
                _pending.Clear();
                _pendingAlongside.Clear();
                DeactivateOnIdle();
                return;
            }

            PublishGauges();
        }
    }

    private static DepartmentState Applied(DepartmentState state, IEnumerable<JournalEntry> entries)
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
    private async Task SnapshotAsync(DepartmentState copy)
    {
        copy.PruneFinished(Now, _options.ReplayWindow, _options.ReplayMaxEntries);
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
            LogJournalWriteFailed(logger, ex, Code);
            DeactivateOnIdle();
        }
        catch (Exception ex)
        {
            // The journal is the truth; a missed snapshot costs only replay time.
            LogSnapshotFailed(logger, ex, Code);
        }
    }

    private AuditEntry? AuditFor(DepartmentEvent e, Actor actor, ReservationView? before, DepartmentProfile? beforeProfile, QuotaVector beforeLimits)
    {
        AuditEntry Entry(string type, string id, string action, object? was, object? now) => new(
            e.At, actor.Subject, actor.DisplayName, Code, type, id, action,
            was is null ? null : BrokerJson.Serialize(was), now is null ? null : BrokerJson.Serialize(now), actor.CorrelationId);

        return e switch
        {
            DepartmentCreated c => Entry("department", Code, "department.created", null, new { c.Profile, c.Limits }),
            ProfileUpdated p => Entry("department", Code, "department.profile-updated", beforeProfile, p.Profile),
            LimitsSet l => Entry("quota", Code, "quota.limits-set", beforeLimits, l.Limits),
            DepartmentDeleted => Entry("department", Code, "department.deleted", beforeProfile, null),
            ReservationHeld h => Entry("reservation", h.Id, "reservation.held", null, _state.Find(h.Owner, h.Id)?.ToView()),
            ReservationRepaired r => Entry("reservation", r.Id, "quota.drift-repaired", before, new { Reservation = _state.Find(r.Owner, r.Id)?.ToView(), r.Reason }),
            ReservationCommitted or ReservationReleased or ReservationExpired or ReservationResized when Target(e) is (var owner, var id) =>
                Entry("reservation", id, e.Type, before, _state.Find(owner, id)?.ToView()),
            _ => null, // a denial changes nothing; the journal keeps it for replays
        };
    }

    /// <summary>The reservation an event is about, if it is about one (a denial is, but changes nothing).</summary>
    private static (ReservationOwner Owner, string Id)? Target(DepartmentEvent e) => e switch
    {
        ReservationHeld h => (h.Owner, h.Id),
        ReservationCommitted c => (c.Owner, c.Id),
        ReservationReleased r => (r.Owner, r.Id),
        ReservationExpired x => (x.Owner, x.Id),
        ReservationResized z => (z.Owner, z.Id),
        ReservationRepaired p => (p.Owner, p.Id),
        _ => null,
    };

    private void PublishGauges()
    {
        if (!_durable.Exists)
        {
            return;
        }

        foreach (var dimension in validation.Dimensions)
        {
            BrokerMetrics.QuotaAmount.WithLabels(Code, dimension, "limit").Set(_durable.Limits[dimension]);
            BrokerMetrics.QuotaAmount.WithLabels(Code, dimension, "used").Set(_durable.Used[dimension]);
            BrokerMetrics.QuotaAmount.WithLabels(Code, dimension, "reserved").Set(_durable.Reserved[dimension]);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota pass repaired {Count} system-owned reservations of department {Department} that differed from its live resources")]
    private static partial void LogDriftRepaired(ILogger logger, int count, string department);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of department {Department} failed; the journal still holds everything")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string department);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal write for department {Department} failed; deactivating to reload from PostgreSQL")]
    private static partial void LogJournalWriteFailed(ILogger logger, Exception exception, string department);
}
