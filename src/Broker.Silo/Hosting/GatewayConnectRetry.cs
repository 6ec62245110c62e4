using Microsoft.Extensions.Logging;

namespace Broker.Silo.Hosting;

/// <summary>
/// Lets an API process start before its silos: the first connection to a gateway is retried every couple of seconds
/// until <see cref="BrokerOrleansOptions.ConnectTimeout"/> has passed since the first failure, then the start fails and the orchestrator
/// restarts the process. Once connected, the Orleans client finds live gateways on its own.
/// </summary>
public sealed partial class GatewayConnectRetry(TimeSpan timeout, TimeProvider time, ILogger<GatewayConnectRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private long _firstFailure;
    private int _attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempt);
        Interlocked.CompareExchange(ref _firstFailure, time.GetTimestamp(), 0);
        if (time.GetElapsedTime(Interlocked.Read(ref _firstFailure)) + Pause > timeout)
        {
            LogGaveUp(logger, exception, attempt, timeout);
            return false;
        }

        LogRetrying(logger, attempt, exception.GetType().Name, exception.Message);
        await Task.Delay(Pause, time, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo gateway answered (attempt {Attempt}: {Kind}: {Reason}); retrying")]
    private static partial void LogRetrying(ILogger logger, int attempt, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "No silo gateway answered in {Attempt} attempts within {Timeout}; giving up")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, int attempt, TimeSpan timeout);
}
