using Broker.Contracts.Common;
using Broker.Contracts.Namespaces;
using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Broker.Silo.Tenancy;

/// <summary>
/// A department's profile and quota. Decisions (<see cref="ReservationDecisions"/>) are made in memory, one at a time
/// (no await between reading the state and applying the decision), and a caller hears the answer only once the journal
/// entry is in PostgreSQL (<see cref="DepartmentRecorder"/>). The grain is reentrant so that decisions keep being made
/// while a write is in flight; everything decided in the meantime goes out in the next write.
/// </summary>
[Reentrant]
public sealed class DepartmentGrain(
    [PersistentState("department", DepartmentGrain.StorageName)] IPersistentState<DepartmentData> snapshot,
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
    private DepartmentRecorder _journal = null!;
    private bool _reminderRegistered;

    private string Code => this.GetPrimaryKeyString();

    private DepartmentData Data => _journal.Data;

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new DepartmentRecorder(Code, snapshot, writer, _options, time, logger, DeactivateOnIdle, PublishGauges);
        await _journal.LoadAsync(journal, cancellationToken);
        this.RegisterGrainTimer(SweepAsync, _options.ExpirySweepInterval, _options.ExpirySweepInterval);
        if (Data.Live.Values.Any(r => r.State == ReservationState.Held))
        {
            await EnsureReminderAsync();
        }

        PublishGauges();
    }

    // Let a snapshot under way finish, so the next activation replays less.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _journal.Snapshotting;

    public async Task<DepartmentView?> GetAsync()
    {
        await ExpireDueAsync();
        return Data.Exists ? Data.ToView(Code) : null;
    }

    public async Task<QuotaView?> GetQuotaAsync()
    {
        await ExpireDueAsync();
        return Data.Exists ? Data.ToQuotaView(Code) : null;
    }

    public async Task<ReservationView?> GetReservationAsync(string reservationId, ReservationOwner owner)
    {
        await ExpireDueAsync();
        return Data.Exists ? Data.Find(owner, reservationId)?.ToView() : null;
    }

    public async Task<IReadOnlyList<ReservationView>> ListReservationsAsync(ReservationOwner owner)
    {
        await ExpireDueAsync();
        return Data.Live.Values.Where(r => r.Owner == owner)
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.ToView()).ToList();
    }

    public async Task<DepartmentResult> CreateAsync(DepartmentProfile profile, QuotaVector limits, Actor actor)
    {
        var step = InvalidLimits(limits) ?? DepartmentDecisions.Create(Data, profile, limits, Now);
        var result = await DecideAsync(step, actor);
        if (step.Change is not null)
        {
            await NamespaceTakesNoteAsync();
        }

        return result;
    }

    public Task<DepartmentResult> UpdateProfileAsync(DepartmentProfile profile, Actor actor) =>
        DecideAsync(DepartmentDecisions.UpdateProfile(Data, profile, Now), actor);

    public async Task<DepartmentResult> SetLimitsAsync(QuotaVector limits, Actor actor)
    {
        var result = await DecideAsync(InvalidLimits(limits) ?? DepartmentDecisions.SetLimits(Data, limits, Now), actor);
        if (result.Error is null)
        {
            // Also when unchanged: a caller retrying after a failed notification must still reach the namespace.
            await NamespaceTakesNoteAsync();
        }

        return result;
    }

    public async Task<BrokerError?> DeleteAsync(Actor actor)
    {
        await ExpireDueAsync();
        return (await DecideAsync(DepartmentDecisions.Delete(Data, Now), actor)).Error;
    }

    public async Task<ReservationResult> ReserveAsync(ReservationRequest request, ReservationOwner owner, Actor actor)
    {
        var answer = await ReserveManyAsync([request], owner, actor, null);
        return new ReservationResult(answer.Reservations.FirstOrDefault(), answer.Error, answer.Replayed);
    }

    public Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor) =>
        ReserveManyAsync(requests, owner, actor, null);

    public async Task<ReservationBatchResult> ReserveManyAsync(IReadOnlyList<ReservationRequest> requests, ReservationOwner owner, Actor actor, AlongsideWrite? alongside)
    {
        var rows = alongside is null ? null : writer.Alongside.Resolve(alongside);
        if (ReservationDecisions.Invalid(validation, requests) is { } invalid)
        {
            return new ReservationBatchResult([], invalid, [], false);
        }

        await ExpireDueAsync();
        var decision = ReservationDecisions.Reserve(Data, requests, owner, Now);
        switch (decision.Outcome)
        {
            case ReserveOutcome.Refused:
                return decision.Refusal;
            case ReserveOutcome.Conflict:
                BrokerMetrics.ReservationDecisions.WithLabels("conflict").Inc(requests.Count);
                return decision.Refusal;
            case ReserveOutcome.Replayed:
                await _journal.LastWrite;
                BrokerMetrics.ReservationDecisions.WithLabels("replayed").Inc(requests.Count);
                return ReservationDecisions.Answer(Data, requests, owner, replayed: true);
        }

        var granted = decision.Outcome == ReserveOutcome.Granted;
        // A denial writes nothing alongside: the caller's rows would record a decision that was not made.
        var written = _journal.Record(actor, decision.Events, granted ? rows : null);
        if (granted && !_reminderRegistered)
        {
            await EnsureReminderAsync();
        }

        await written;
        BrokerMetrics.ReservationDecisions.WithLabels(granted ? "granted" : "denied").Inc(requests.Count);
        return ReservationDecisions.Answer(Data, requests, owner, replayed: false);
    }

    public async Task<ReservationResult> ResizeAsync(string reservationId, QuotaVector vector, ReservationOwner owner, Actor actor)
    {
        if (validation.Vector("vector", vector, isLimit: false) is [var invalid, ..])
        {
            return new ReservationResult(null, invalid, false);
        }

        await ExpireDueAsync();
        return await StepAsync(ReservationDecisions.Resize(Data, reservationId, vector, owner, Now), reservationId, owner, actor, transition: null);
    }

    public Task<ReservationResult> CommitAsync(string reservationId, ReservationOwner owner, Actor actor) =>
        CommitAsync(reservationId, owner, actor, null);

    public async Task<ReservationResult> CommitAsync(string reservationId, ReservationOwner owner, Actor actor, AlongsideWrite? alongside)
    {
        var rows = alongside is null ? null : writer.Alongside.Resolve(alongside);
        await ExpireDueAsync();
        return await StepAsync(ReservationDecisions.Commit(Data, reservationId, owner, Now), reservationId, owner, actor, "committed", rows);
    }

    public async Task<ReservationResult> ReleaseAsync(string reservationId, ReservationOwner owner, Actor actor)
    {
        await ExpireDueAsync();
        return await StepAsync(ReservationDecisions.Release(Data, reservationId, owner, Now), reservationId, owner, actor, "released");
    }

    public async Task<int> ReconcileQuotaAsync(IReadOnlyList<ResourceHolding> resources)
    {
        await ExpireDueAsync();
        var now = Now;
        var repairs = Data.Exists ? QuotaDrift.Repairs(Data.Live.Values.Concat(Data.Finished.Values), resources, now, _options.DriftGrace) : [];
        if (repairs.Count > 0)
        {
            await _journal.Record(Actor.System("quota-reconcile"), repairs.Select(r => (DepartmentEvent)r.ToEvent(now)).ToList());
            QuotaRepairReport.Repaired(logger, Code, repairs);
        }

        return repairs.Count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ExpireDueAsync();
        if (!Data.Live.Values.Any(r => r.State == ReservationState.Held) && _reminderRegistered)
        {
            if (await this.GetReminder(ExpiryReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = false;
        }
    }

    private DepartmentStep? InvalidLimits(QuotaVector limits) =>
        validation.Vector("limits", limits, isLimit: true) is [var invalid, ..] ? DepartmentStep.Refused(invalid) : null;

    /// <summary>Answers a change of profile or limits: refused, after the last write (a replay), or after recording the change.</summary>
    private async Task<DepartmentResult> DecideAsync(DepartmentStep step, Actor actor)
    {
        if (step.Replay)
        {
            await _journal.LastWrite;
        }

        if (step.Error is not null)
        {
            return new DepartmentResult(null, step.Error);
        }

        if (step.Change is not null)
        {
            await _journal.Record(actor, [step.Change]);
        }

        return new DepartmentResult(Data.Exists ? Data.ToView(Code) : null, null);
    }

    /// <summary>Answers a resize, commit or release: at once, after the last write (a replay), or after recording its change.</summary>
    private async Task<ReservationResult> StepAsync(
        ReservationStep step, string reservationId, ReservationOwner owner, Actor actor, string? transition, AlongsideRows? alongside = null)
    {
        if (step.Change is null)
        {
            if (step.Replay)
            {
                await _journal.LastWrite;
            }

            return step.Answer!;
        }

        await _journal.Record(actor, [step.Change], alongside);
        if (transition is not null)
        {
            BrokerMetrics.ReservationTransitions.WithLabels(transition).Inc();
        }

        return new ReservationResult(Data.Find(owner, reservationId)!.ToView(), null, false);
    }

    /// <summary>
    /// After the change is durable: the namespace reconciler schedules its reminder before answering, so the cluster
    /// follows even if this silo crashes right after (the reminder, not this call, is the guarantee).
    /// </summary>
    private Task NamespaceTakesNoteAsync() => GrainFactory.GetGrain<INamespaceGrain>(Code).QuotaChangedAsync();

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await ExpireDueAsync();
        Data.PruneFinished(Now, _options.ReplayWindow, _options.ReplayMaxEntries);
    }

    private Task ExpireDueAsync()
    {
        var due = ReservationDecisions.Expired(Data, Now);
        if (due.Count == 0)
        {
            return Task.CompletedTask;
        }

        BrokerMetrics.ReservationTransitions.WithLabels("expired").Inc(due.Count);
        return _journal.Record(Actor.System("reservation-expiry"), due);
    }

    private async Task EnsureReminderAsync()
    {
        // The reminder only guarantees that a department with holds is activated after a restart so that its
        // holds expire; the timer does the frequent sweeping while the grain is active.
        _reminderRegistered = true;
        await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private void PublishGauges() => QuotaGauges.Publish(Code, _journal.Durable, validation.Dimensions);
}
