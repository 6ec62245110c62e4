using Broker.Contracts.Resources;
using Broker.Silo.Hosting;
using Broker.Silo.Quotas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>
/// One reminder for all resources instead of one reminder row per resource. A resource's own timer observes while its
/// grain is active; what needs a durable guarantee is only that a resource whose work a crash or a deactivation
/// interrupted, or whose lease comes due while nobody touches it, is woken again. The directory
/// (<c>broker.resources</c>) already says which those are, so one reminder that reads it each period gives that
/// guarantee without two reminder-table writes per order (register on every new piece of work, delete when done).
/// It is a reminder and not a hosted timer so that it moves to a live silo when its silo dies.
/// </summary>
public sealed partial class ResourceSweeperGrain(
    ResourceDirectory directory,
    QuotaPass quota,
    BrokerClock time,
    IOptions<ProvisioningOptions> options,
    ILogger<ResourceSweeperGrain> logger) : Grain, IResourceSweeperGrain, IRemindable
{
    /// <summary>How many resources one sweep reconciles at once: enough to drain a backlog after a restart, few enough not to flood the backend.</summary>
    public const int Parallelism = 16;

    private const string Reminder = "resource-sweep";
    private readonly ProvisioningOptions _options = options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        // Once per activation (one write): also picks up a changed period after a redeploy.
        await this.RegisterOrUpdateReminder(Reminder, _options.ReconcileReminderPeriod, _options.ReconcileReminderPeriod, cancellationToken);

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    public async Task<ResourceSweep> SweepAsync()
    {
        var converging = await directory.UnfinishedAsync();
        var leaseDue = await directory.LeaseDueAsync(time.GetUtcNow(), _options.LeaseWarning, _options.LeaseGrace);
        // One resource's trouble (a backend down, a timeout) must not keep the others waiting: the next sweep retries it.
        var failed = await BoundedVisits.RunAsync(
            converging.Union(leaseDue, StringComparer.Ordinal), Parallelism,
            id => GrainFactory.GetGrain<IResourceGrain>(id).ReconcileAsync(),
            (id, ex) => LogVisitFailed(logger, ex, id));

        // After the visits, so that what they squared themselves is not counted as drift.
        var (repaired, departmentsFailed) = await quota.RunAsync(GrainFactory);
        var sweep = new ResourceSweep(converging.Count, leaseDue.Count, failed + departmentsFailed, repaired);
        LogSwept(logger, sweep.Converging, sweep.LeaseDue, sweep.Failed, sweep.QuotaRepairs);
        return sweep;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep could not reconcile resource {ResourceId}; the next sweep retries")]
    private static partial void LogVisitFailed(ILogger logger, Exception exception, string resourceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep visited {Converging} converging and {LeaseDue} lease-due resources; {Failed} failed; {QuotaRepairs} reservations repaired")]
    private static partial void LogSwept(ILogger logger, int converging, int leaseDue, int failed, int quotaRepairs);
}
