using Broker.Contracts.Common;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Orders;

/// <summary>
/// The runs of an order's hand-off that its own activation makes, each on a one-shot grain timer that interleaves with
/// the order's calls (a replay or a read answers at once while one runs; <see cref="OrderHandOff"/> keeps them one at a
/// time): one right after the answer, and after a transient failure another one later (<see cref="HandOffBackoff"/>)
/// while the activation lives. Before, a failed run waited for the order sweeper's next tick, ten minutes by default:
/// a silo cut off from the network left every hand-off that was waiting on one of its grains with its quota reserved
/// and no resource for that long (the network partition drill, docs/reliability.md).
/// </summary>
public sealed partial class OrderHandOffRuns(IGrainBase grain, Func<Actor, string?, Task> settle, Func<bool> handedOff, ILogger logger)
{
    private IGrainTimer? _timer;

    /// <summary>Starts a run now unless one is pending or running.</summary>
    public void Start(Actor actor, string? traceParent) => Schedule(actor, traceParent, TimeSpan.Zero, failures: 0);

    /// <summary>After a run elsewhere failed (the sweeper's visit): the next one after the first backoff, unless one is pending.</summary>
    public void Retry(Actor actor) => Schedule(actor, null, HandOffBackoff.After(1)!.Value, failures: 1);

    private void Schedule(Actor actor, string? traceParent, TimeSpan after, int failures)
    {
        if (_timer is null && !handedOff())
        {
            _timer = grain.RegisterGrainTimer(
                _ => RunAsync(actor, traceParent, failures), new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
        }
    }

    private async Task RunAsync(Actor actor, string? traceParent, int failures)
    {
        TimeSpan? next = null;
        try
        {
            await settle(actor, traceParent);
        }
        catch (Exception ex)
        {
            // Nobody is waiting for this answer: the row stays unsettled; this activation tries again, then the sweeper.
            next = HandOffBackoff.After(failures + 1);
            LogHandOffDeferred(logger, ex, grain.GrainContext.GrainId.ToString(), failures + 1, next ?? TimeSpan.Zero);
        }
        finally
        {
            _timer?.Dispose();
            _timer = null;
        }

        if (next is { } delay)
        {
            Schedule(actor, traceParent, delay, failures + 1);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off of {Order} did not finish (failure {Failures}); tried again in {Delay} (zero: left to the order sweeper)")]
    private static partial void LogHandOffDeferred(ILogger logger, Exception exception, string order, int failures, TimeSpan delay);
}
