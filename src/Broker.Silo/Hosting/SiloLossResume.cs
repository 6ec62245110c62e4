using Broker.Contracts.Orders;
using Broker.Contracts.Resources;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Broker.Silo.Hosting;

/// <summary>
/// Resumes at once the work a silo declared dead left unfinished, instead of at the sweepers' next ticks (orders:
/// <c>Broker:Approval:CheckEvery</c>, ten minutes by default). A silo cut off from the network keeps its activations
/// but reaches neither PostgreSQL nor the others, so the hand-offs of orders it held, and the hand-offs elsewhere that
/// waited on its grains (the capacity room, a system, a resource), stop half-way: their quota stays reserved for
/// resources not yet created. Once the cluster declares it dead, the oldest active silo (<see cref="SiloLoss"/>) asks the
/// order sweeper to resume every decided, unsettled order and the resource sweeper to wake converging resources; the
/// grains reactivate on the survivors and finish (each step of a hand-off is idempotent). Found by the network
/// partition drill (docs/reliability.md).
/// </summary>
public sealed partial class SiloLossResume(IClusterMembershipService membership, ILocalSiloDetails silo, IGrainFactory grains, ILogger<SiloLossResume> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Attempts = 5;

    private readonly CancellationTokenSource _stopping = new();
    private Task _following = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLossResume), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        _following = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _following.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var known = new HashSet<SiloAddress>(Members(membership.CurrentSnapshot).Where(m => m.Status == SiloStatus.Dead).Select(m => m.Silo));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var members = Members(snapshot);
                var lost = SiloLoss.NewlyDead(known, members);
                known.UnionWith(lost);
                if (SiloLoss.Resumes(silo.SiloAddress, lost, members))
                {
                    await ResumeAsync(lost, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    /// <summary>
    /// Asks the sweepers, again after 2, 4, 8 and 16 s if that fails: right after a silo's death the survivors are busy
    /// reactivating its grains, and the first attempt can miss a PostgreSQL connection (a drill saw exactly that).
    /// </summary>
    private async Task ResumeAsync(IReadOnlyList<SiloAddress> lost, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", lost);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var orders = await grains.GetGrain<IOrderSweeperGrain>(0).ResumeAsync();
                await grains.GetGrain<IResourceSweeperGrain>(IResourceSweeperGrain.Key).SweepAsync();
                LogResumed(logger, names, orders);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The sweepers' reminders remain the guarantee; this only shortens the wait.
                LogResumeFailed(logger, ex, names, attempt);
                if (attempt == Attempts)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1 << attempt), cancellationToken);
        }
    }

    private static List<(SiloAddress Silo, SiloStatus Status)> Members(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Select(m => (m.SiloAddress, m.Status))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo(s) {Silos} declared dead: resumed {Orders} unsettled order(s) and swept converging resources")]
    private static partial void LogResumed(ILogger logger, string silos, int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo(s) {Silos} declared dead: resuming their work failed (attempt {Attempt} of 5; after the last, the sweepers' next ticks take it up)")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception, string silos, int attempt);
}
