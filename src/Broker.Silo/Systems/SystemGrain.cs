using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Contracts.Tenancy;
using Broker.Silo.Audit;
using Broker.Silo.Quotas;
using Broker.Silo.Storage;
using Microsoft.Extensions.Logging;
using Broker.Silo.Hosting;

namespace Broker.Silo.Systems;

/// <summary>
/// One system of one department. Changes run one at a time (a registration, a review, one allocation per order), which
/// keeps the grain simple; only the order check interleaves with them (<see cref="ISystemGrain.CheckOrderAsync"/>), since
/// every order placed asks it and must not wait for another order's allocation to commit. Each change is decided by
/// <see cref="SystemDecisions"/>, written with its audit row in one transaction (a registration or review to
/// <c>broker.systems</c>, an allocation as its own row in <c>broker.system_allocations</c>), and only then adopted and
/// answered; a failed write leaves memory as it was and ends the activation so the next one reloads.
/// </summary>
public sealed partial class SystemGrain(SystemStore store, QuotaValidation validation, BrokerClock time, ILogger<SystemGrain> logger)
    : Grain, ISystemGrain
{
    private string _department = "";
    private string _id = "";
    private bool _validKey;
    private SystemData _data = SystemData.None;
    private long _version;

    // What an order check reads while an allocation is being written: the allocation counts from the moment it is
    // decided, so a check never sees less allocated than PostgreSQL will hold. Left set if the write fails (its outcome
    // unknown) until the activation ends. Registrations and reviews count once durable, as before.
    private SystemData? _allocating;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _validKey = SystemKey.TryParse(this.GetPrimaryKeyString(), out var key);
        (_department, _id) = (key.Department, key.Id);
        if (_validKey)
        {
            (_data, _version) = await store.LoadAsync(_department, _id, cancellationToken);
        }
    }

    public Task<SystemView?> GetAsync() => Task.FromResult(View);

    public async Task<SystemResult> RegisterAsync(SystemRegistration registration, Actor actor)
    {
        if (!_validKey)
        {
            return new SystemResult(null, new BrokerError(BrokerErrorKind.Invalid, "system.id-invalid", "id"));
        }

        if (SystemValidation.Registration(registration).FirstOrDefault() is { } invalid)
        {
            return new SystemResult(View, invalid);
        }

        // A deleted (or never created) department registers nothing; its existing systems stay readable.
        if (await GrainFactory.GetGrain<IDepartmentGrain>(_department).GetAsync() is null)
        {
            return new SystemResult(null, new BrokerError(BrokerErrorKind.NotFound, "department.not-found"));
        }

        return await ApplyAsync(SystemDecisions.Register(_data, registration, Now, actor.Subject), actor);
    }

    public async Task<SystemResult> ReviewAsync(SystemReview review, Actor actor)
    {
        if (!_data.Exists)
        {
            return new SystemResult(null, new BrokerError(BrokerErrorKind.NotFound, "system.not-found"));
        }

        var invalid = SystemValidation.Review(review).FirstOrDefault()
            ?? (review.Approve ? validation.Vector("envelope.vector", review.Envelope!.Vector, isLimit: true).FirstOrDefault() : null);
        if (invalid is not null)
        {
            return new SystemResult(View, invalid);
        }

        return await ApplyAsync(SystemDecisions.Review(_data, review, actor.Subject, Now), actor);
    }

    public Task<OrderEligibility> CheckOrderAsync(QuotaVector total)
    {
        var invalid = validation.Vector("total", total, isLimit: true).FirstOrDefault();
        return Task.FromResult(invalid is not null
            ? new OrderEligibility(invalid, false, View)
            : SystemDecisions.Eligibility(_allocating ?? _data, _department, _id, total));
    }

    public async Task AllocateAsync(string allocationId, QuotaVector vector)
    {
        if (validation.Vector("vector", vector, isLimit: true).FirstOrDefault() is { } invalid)
        {
            throw new ArgumentException($"Allocation {allocationId} of system {Key}: {invalid.Code} ({invalid.Field}).", nameof(vector));
        }

        var decision = SystemDecisions.Allocate(_data, allocationId, vector);
        if (decision.Error is { } error)
        {
            // The contract has no error channel here: callers allocate only what CheckOrder admitted, so a refusal is a bug.
            throw new InvalidOperationException($"Allocation {allocationId} of system {Key} refused: {error.Code}.");
        }

        if (decision.Next is { } next)
        {
            var audit = AllocationAudit(next, decision.Action!, allocationId, vector);
            await WriteAsync(next, () => store.AllocateAsync(_department, _id, allocationId, vector, audit.At, _version, [audit]), allocating: true);
        }
    }

    public async Task AllocateManyAsync(IReadOnlyList<string> allocationIds, QuotaVector vector)
    {
        if (validation.Vector("vector", vector, isLimit: true).FirstOrDefault() is { } invalid)
        {
            throw new ArgumentException($"Allocations of system {Key}: {invalid.Code} ({invalid.Field}).", nameof(vector));
        }

        var next = _data;
        var audits = new List<(string Id, AuditEntry Audit)>();
        foreach (var id in allocationIds)
        {
            var decision = SystemDecisions.Allocate(next, id, vector);
            if (decision.Error is { } error)
            {
                throw new InvalidOperationException($"Allocation {id} of system {Key} refused: {error.Code}.");
            }

            if (decision.Next is not null)
            {
                next = decision.Next;
                audits.Add((id, AllocationAudit(next, decision.Action!, id, vector)));
            }
        }

        if (audits.Count > 0)
        {
            // Queued together, so the store's group commit writes them in one transaction (rarely two).
            await WriteAsync(next, () => Task.WhenAll(audits.Select(a => store.AllocateAsync(_department, _id, a.Id, vector, a.Audit.At, _version, [a.Audit]))), allocating: true);
        }
    }

    public Task AdoptAllocationsAsync(IReadOnlyList<string> allocationIds, QuotaVector vector)
    {
        // Durable already (the order's placement wrote them): counted in memory, nothing written. Ids known already
        // (this activation read their rows) change nothing.
        if (_data.Exists)
        {
            _data = allocationIds.Where(id => !_data.Allocations.ContainsKey(id))
                .Aggregate(_data, (data, id) => data with { Allocations = data.Allocations.With(id, vector) });
        }

        return Task.CompletedTask;
    }

    public async Task DeallocateAsync(string allocationId)
    {
        var decision = SystemDecisions.Deallocate(_data, allocationId);
        if (decision.Next is { } next)
        {
            var audit = AllocationAudit(next, decision.Action!, allocationId, _data.Allocations[allocationId]);
            await WriteAsync(next, () => store.DeallocateAsync(_department, _id, allocationId, _version, [audit]));
        }
    }

    private string Key => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private SystemView? View => _data.Exists ? _data.ToView(_department, _id) : null;

    private async Task<SystemResult> ApplyAsync(SystemDecision decision, Actor actor)
    {
        if (decision.Error is not null)
        {
            return new SystemResult(View, decision.Error);
        }

        if (decision.Next is { } next)
        {
            await SaveAsync(next, decision.Action!, actor);
        }

        return new SystemResult(View, null);
    }

    /// <summary>Makes <paramref name="next"/> durable with its audit row, then adopts it.</summary>
    private async Task SaveAsync(SystemData next, string action, Actor actor)
    {
        var entry = new AuditEntry(
            next.UpdatedAt, actor.Subject, actor.DisplayName, _department, "system", _id, action,
            View is { } before ? BrokerJson.Serialize(before) : null,
            BrokerJson.Serialize(next.ToView(_department, _id)),
            actor.CorrelationId);
        await WriteAsync(next, () => store.SaveAsync(_department, _id, next, _version + 1, [entry]));
        _version++;
    }

    /// <summary>The audit row of an allocation change; the systems row is not written, so its version stays.</summary>
    private AuditEntry AllocationAudit(SystemData next, string action, string allocationId, QuotaVector vector) =>
        PlacedAllocations.Audit(Now, _department, _id, View, allocationId, vector, next.Allocated, action);

    /// <summary>Runs <paramref name="write"/>, then adopts <paramref name="next"/>; a failed write ends the activation.</summary>
    private async Task WriteAsync(SystemData next, Func<Task> write, bool allocating = false)
    {
        if (allocating)
        {
            _allocating = next;
        }

        try
        {
            await write();
        }
        catch (Exception ex)
        {
            // The write may or may not have committed; only a fresh activation reading PostgreSQL knows.
            LogWriteFailed(logger, ex, Key);
            DeactivateOnIdle();
            throw;
        }

        _data = next;
        _allocating = null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Write for system {System} failed; deactivating to reload from PostgreSQL")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string system);
}
