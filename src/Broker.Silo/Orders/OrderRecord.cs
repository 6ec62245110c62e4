using Broker.Contracts.Common;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Broker.Silo.Orders;

/// <summary>
/// One order's state as the order grain holds it, and its row in <c>broker.orders</c> (<see cref="OrderStore"/>): read
/// on activation (adopting what an earlier version kept in Orleans storage), written with the audit row of each change
/// before anyone hears of it. A failed write leaves memory as it was and ends the activation, so the next call reloads.
/// </summary>
public sealed partial class OrderRecord(OrderStore store, IGrainContext grain, Func<DateTimeOffset> now, ILogger logger)
{
    /// <summary>The Orleans storage provider earlier versions kept order state in (read only to adopt it).</summary>
    public const string LegacyStorageName = "orders";
    private const string LegacyStateName = "order";

    private long _version;

    public OrderData Data { get; private set; } = new();

    private string Key => grain.GrainId.Key.ToString()!;

    public async Task LoadAsync(string department, string id, CancellationToken cancellationToken)
    {
        var (stored, version, listed) = await store.LoadRowAsync(department, id, cancellationToken);
        _version = version;
        if (stored is not null)
        {
            Data = stored;
        }
        else if (listed)
        {
            // A row without state: written by an earlier version, which kept the state in Orleans storage. Read it only
            // here, so a new order costs no second read. (An earlier version's order without any row was never
            // answered, since the answer came after both writes, and had no resources yet: starting afresh is what a
            // retry of it would have done.)
            await AdoptLegacyAsync();
        }
    }

    /// <summary>The first row was committed elsewhere, with the department's reservation (<see cref="OrderPlacement"/>).</summary>
    public void Placed(OrderData data) => (Data, _version) = (data, 1);

    /// <summary>
    /// Makes <paramref name="next"/> durable, with an audit row for <paramref name="action"/> if given, then adopts it.
    /// A failure (a version conflict included) leaves memory as it was and deactivates, so the next call reloads.
    /// </summary>
    public async Task SaveAsync(OrderData next, Actor? actor, string? action)
    {
        try
        {
            await store.SaveAsync(next, _version + 1, actor is null || action is null ? null : Audit(next, actor, action));
        }
        catch (Exception ex)
        {
            WriteFailed(ex);
            throw;
        }

        Data = next;
        _version++;
    }

    /// <summary>A write whose outcome is unknown: only a fresh activation reading PostgreSQL knows, so this one ends.</summary>
    public void WriteFailed(Exception exception)
    {
        LogWriteFailed(logger, exception, Key);
        grain.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "order write failed; reload"));
    }

    public AuditEntry Audit(OrderData next, Actor actor, string action) =>
        new(now(), actor.Subject, actor.DisplayName, next.Department, "order", next.Id, action, null, BrokerJson.Serialize(next.ToView()), actor.CorrelationId);

    /// <summary>Adopts the state an earlier version kept in Orleans storage into broker.orders, then clears the old copy.</summary>
    private async Task AdoptLegacyAsync()
    {
        var legacy = grain.ActivationServices.GetRequiredKeyedService<IGrainStorage>(LegacyStorageName);
        var old = new GrainState<OrderData>();
        await legacy.ReadStateAsync(LegacyStateName, grain.GrainId, old);
        if (old.State is not { Exists: true })
        {
            return;
        }

        await SaveAsync(old.State, null, null);
        LogAdopted(logger, Key);
        // Only after the adoption is durable. Should this activation die in between, the old copy stays behind unread:
        // from then on the row has data, and the row is what every activation reads.
        await legacy.ClearStateAsync(LegacyStateName, grain.GrainId, old);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Write for order {Order} failed; deactivating to reload from PostgreSQL")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string order);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Order} adopted from Orleans storage into broker.orders")]
    private static partial void LogAdopted(ILogger logger, string order);
}
