using Broker.Contracts.Capacity;
using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Capacity;

/// <summary>
/// The machine room's supply side. Non-reentrant and one per room, so decisions are serialized: each is made against
/// figures that include every earlier one, and written to PostgreSQL before the caller hears it, except a provisional
/// placement (<see cref="AdmitProvisionallyAsync"/>), whose rows the order commits with its own decision. On activation the
/// holds are reloaded and squared against the live resources; a reminder records the daily figures and admits queued
/// orders even when nothing else happens.
/// </summary>
public sealed partial class CapacityGrain(
    CapacityStore store,
    CapacityPoolSource pools,
    ProvisionerSelector provisioners,
    BrokerClock time,
    IOptions<CapacityOptions> options,
    ILogger<CapacityGrain> logger) : Grain, ICapacityGrain, IRemindable
{
    private const string Reminder = "capacity-daily";
    private readonly CapacityBook _book = new();
    private readonly CapacityOptions _options = options.Value;
    private DateTimeOffset _poolsReadAt;

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RefreshPoolsAsync(force: true, cancellationToken);
        var (holds, queue) = await store.LoadAsync(cancellationToken);
        _book.Load(holds, queue);
        foreach (var live in await store.LiveResourcesAsync(cancellationToken))
        {
            _book.Square(Now, new ResourceCapacity(live.Id, live.Pool, live.Department, live.OrderId, live.State, live.Vector));
        }

        foreach (var orphan in await store.OrphansAsync(Now - _options.OrphanGrace, cancellationToken))
        {
            _book.Remove(orphan);
        }

        var admitted = _book.AdmitQueued(Now);
        await SaveAsync(cancellationToken);
        Notify(admitted);
        if (_book.Pools.Count > 0)
        {
            await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromHours(1), TimeSpan.FromHours(1), cancellationToken);
        }
    }

    public Task<CapacityAdmission> AdmitAsync(CapacityRequest request) => AdmitAsync(request, provisional: false);

    public Task<CapacityAdmission> AdmitProvisionallyAsync(CapacityRequest request) => AdmitAsync(request, provisional: true);

    public Task ConfirmAsync(CapacityRequest request, IReadOnlyDictionary<string, string> pools)
    {
        var now = Now;
        foreach (var (id, pool) in pools)
        {
            _book.Confirm(new CapacityHold(id, pool, request.Department, request.OrderId, request.PerUnit, false, now, now));
        }

        return Task.CompletedTask;
    }

    private async Task<CapacityAdmission> AdmitAsync(CapacityRequest request, bool provisional)
    {
        await RefreshPoolsAsync(force: false);
        await ResolveProvisionalAsync();
        var key = new OrderKey(request.Department, request.OrderId);
        var held = request.ResourceIds.Select(_book.Hold).Where(h => h is not null).ToList();
        if (held.Count > 0)
        {
            return Answer(CapacityOutcome.Placed, held.ToDictionary(h => h!.ResourceId, h => h!.Pool, StringComparer.Ordinal));
        }

        if (_book.Queued(key) is not null)
        {
            return Answer(CapacityOutcome.Queued);
        }

        var backend = provisioners.For(request.Kind).Name;
        var placement = _book.Place(request.Zone, backend, request.PerUnit, request.ResourceIds);
        if (placement.Unmanaged)
        {
            return Answer(CapacityOutcome.Unmanaged);
        }

        var now = Now;
        if (placement.Placed)
        {
            foreach (var (id, pool) in placement.Pools!)
            {
                var hold = new CapacityHold(id, pool, request.Department, request.OrderId, request.PerUnit, false, now, now);
                if (provisional)
                {
                    _book.PutProvisional(hold, now);
                }
                else
                {
                    _book.Put(hold);
                }
            }

            await SaveAsync();
            BrokerMetrics.CapacityAdmissions.WithLabels("placed").Inc();
            return Answer(CapacityOutcome.Placed, placement.Pools);
        }

        if (_options.QueueWhenFull && !placement.NoPoolServesZone && !placement.NeverFits)
        {
            _book.Enqueue(new QueuedOrder(request.Department, request.OrderId, request.Zone, backend, request.PerUnit, request.ResourceIds, now));
            await SaveAsync();
            BrokerMetrics.CapacityAdmissions.WithLabels("queued").Inc();
            return Answer(CapacityOutcome.Queued);
        }

        BrokerMetrics.CapacityAdmissions.WithLabels("refused").Inc();
        var refusal = placement.NoPoolServesZone
            ? new BrokerError(BrokerErrorKind.Conflict, "capacity.no-pool-for-zone", "systemId", request.Zone)
            : new BrokerError(BrokerErrorKind.Denied, placement.NeverFits ? "capacity.too-large" : "capacity.exhausted", "quantity", placement.ClosestPool);
        return new CapacityAdmission(CapacityOutcome.Refused, new Dictionary<string, string>(), refusal, placement.Shortfalls);
    }

    public Task<IReadOnlyDictionary<string, string>?> GetPlacementAsync(string department, string orderId)
    {
        if (_book.Queued(new OrderKey(department, orderId)) is not null)
        {
            return Task.FromResult<IReadOnlyDictionary<string, string>?>(null);
        }

        IReadOnlyDictionary<string, string> placed = _book.Holds.Where(h => h.Department == department && h.OrderId == orderId)
            .ToDictionary(h => h.ResourceId, h => h.Pool, StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyDictionary<string, string>?>(placed);
    }

    public async Task WithdrawAsync(string department, string orderId, IReadOnlyList<string> resourceIds)
    {
        _book.Dequeue(new OrderKey(department, orderId));
        foreach (var id in resourceIds)
        {
            // A provisional hold of a refused order has no row: forgetting it is all there is to do.
            if (!_book.Discard(id))
            {
                _book.Remove(id);
            }
        }

        var admitted = _book.AdmitQueued(Now);
        await SaveAsync();
        Notify(admitted);
    }

    public async Task<CapacityAdmission> HoldAsync(ResourceCapacity resource)
    {
        var existing = _book.Hold(resource.ResourceId);
        var current = existing?.Vector ?? QuotaVector.Empty;
        var growth = new QuotaVector(resource.Vector.Amounts.Select(a => KeyValuePair.Create(a.Key, Math.Max(0, a.Value - current[a.Key]))));
        var shortfalls = _book.ShortfallFor(resource.Pool, growth);
        if (shortfalls.Count > 0)
        {
            BrokerMetrics.CapacityAdmissions.WithLabels("refused").Inc();
            return new CapacityAdmission(CapacityOutcome.Refused, new Dictionary<string, string>(),
                new BrokerError(BrokerErrorKind.Denied, "capacity.exhausted", "planCode", resource.Pool), shortfalls);
        }

        var now = Now;
        _book.Put(new CapacityHold(resource.ResourceId, resource.Pool, resource.Department, resource.OrderId, resource.Vector,
            existing?.Allocated ?? false, existing?.CreatedAt ?? now, now));
        var admitted = _book.AdmitQueued(now);
        await SaveAsync();
        Notify(admitted);
        return Answer(CapacityOutcome.Placed, new Dictionary<string, string> { [resource.ResourceId] = resource.Pool });
    }

    public async Task SquareAsync(ResourceCapacity resource)
    {
        _book.Square(Now, resource);
        var admitted = _book.AdmitQueued(Now);
        await SaveAsync();
        Notify(admitted);
    }

    public async Task<CapacitySnapshot> GetSnapshotAsync()
    {
        await RefreshPoolsAsync(force: false);
        return _book.Snapshot(Now);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await RefreshPoolsAsync(force: true);
        await ResolveProvisionalAsync();
        var admitted = _book.AdmitQueued(Now);
        await SaveAsync();
        Notify(admitted);
    }

    /// <summary>
    /// Provisional holds nobody confirmed within the orphan grace (the placing silo crashed, or its answer was lost)
    /// are settled by PostgreSQL: kept if their rows were committed, forgotten if not. One query, and only when such
    /// holds exist, so the common path reads nothing.
    /// </summary>
    private async Task ResolveProvisionalAsync()
    {
        var due = _book.ProvisionalBefore(Now - _options.OrphanGrace);
        if (due.Count == 0)
        {
            return;
        }

        var committed = await store.CommittedAsync(due);
        foreach (var id in due)
        {
            if (committed.Contains(id))
            {
                _book.Confirm(_book.Hold(id)!);
            }
            else
            {
                _book.Discard(id);
            }
        }
    }

    private async Task RefreshPoolsAsync(bool force, CancellationToken cancellationToken = default)
    {
        if (!force && Now - _poolsReadAt < _options.NodeRefreshInterval && _book.Pools.Count > 0)
        {
            return;
        }

        try
        {
            _book.SetPools(await pools.ReadAsync(cancellationToken));
            _poolsReadAt = Now;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _book.Pools.Count > 0)
        {
            // Keep the last figures: a Kubernetes API hiccup must not empty the room.
            LogNodeReadFailed(logger, ex);
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        var changes = _book.TakeChanges();
        if (changes.IsEmpty && changes.TouchedPools.Count == 0)
        {
            return;
        }

        await store.SaveAsync(changes, CapacityStore.Day(Now), cancellationToken);
        CapacityGauges.Set(_book.Figures(), _book.Queue.Count, _options.HeadroomAlertRatio);
    }

    /// <summary>Tells admitted orders to go on; not awaited, so this grain never waits on an order that may be waiting on it.</summary>
    private void Notify(IReadOnlyList<QueuedOrder> admitted)
    {
        foreach (var order in admitted)
        {
            BrokerMetrics.CapacityAdmissions.WithLabels("admitted-from-queue").Inc();
            GrainFactory.GetOrder(order.Key).ReconcileAsync().Ignore();
        }
    }

    private static CapacityAdmission Answer(CapacityOutcome outcome, IReadOnlyDictionary<string, string>? pools = null) =>
        new(outcome, pools ?? new Dictionary<string, string>(), null, []);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading Kubernetes nodes for capacity pools failed; keeping the last figures")]
    private static partial void LogNodeReadFailed(ILogger logger, Exception exception);
}
