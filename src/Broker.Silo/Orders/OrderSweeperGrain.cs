using Broker.Contracts.Common;
using Broker.Contracts.Orders;
using Broker.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Orders;

/// <summary>
/// Finishes what an order could not: reads the unsettled rows of <c>broker.orders</c> (<see cref="OrderDirectory.UnsettledAsync"/>)
/// and calls <see cref="IOrderGrain.ReconcileAsync"/> on each, a few at a time. One reminder for the whole cluster
/// replaces a reminder write and delete per order.
/// </summary>
public sealed partial class OrderSweeperGrain(OrderDirectory directory, BrokerClock time, IOptions<ApprovalOptions> approval, ILogger<OrderSweeperGrain> logger)
    : Grain, IOrderSweeperGrain, IRemindable
{
    /// <summary>
    /// An order written more recently than this is left alone: it is most likely settling right now, and waking it
    /// would only queue a call behind that work.
    /// </summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private const string Reminder = "order-sweep";
    private const int PageSize = 200;

    // Bounded so a backlog (the first sweep after an upgrade adopts every legacy order) does not flood the silo.
    private const int Parallelism = 8;

    public async Task StartAsync()
    {
        var every = approval.Value.CheckEvery;
        await this.RegisterOrUpdateReminder(Reminder, every, every);
    }

    public Task<int> SweepAsync() => SweepAsync(time.GetUtcNow() - Grace, decidedOnly: false);

    /// <summary>
    /// At start-up nothing is settling yet, so no grace: every decided order a crash left unsettled is finished now,
    /// not at the next tick (<c>CheckEvery</c>, ten minutes by default).
    /// </summary>
    public Task<int> ResumeAsync() => SweepAsync(time.GetUtcNow(), decidedOnly: true);

    private async Task<int> SweepAsync(DateTimeOffset before, bool decidedOnly)
    {
        var woken = 0;
        UnsettledOrder? after = null;
        while (true)
        {
            var page = await directory.UnsettledAsync(before, after, PageSize, decidedOnly);
            // One order that cannot settle yet (its pool or resource unreachable) must not stop the others; the next sweep retries it.
            await BoundedVisits.RunAsync(
                page, Parallelism, o => GrainFactory.GetOrder(o.Key).ReconcileAsync(), (o, ex) => LogReconcileFailed(logger, ex, o.Key.ToString()));

            woken += page.Count;
            if (page.Count < PageSize)
            {
                return woken;
            }

            after = page[^1];
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not reconcile order {Order}; retried on the next sweep")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string order);
}
