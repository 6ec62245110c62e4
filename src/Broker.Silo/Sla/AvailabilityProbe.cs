using Broker.Provisioners.Contract;
using Broker.Silo.Diagnostics;
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>
/// One round of the availability probe: every ready resource's backend is asked whether it serves, and what changed is
/// recorded (<see cref="AvailabilityStore"/>). A shared-PostgreSQL database gets a real connection (the backend's
/// <c>ProbeAsync</c>); the others are observed as the resource grain observes them (ready serves; stopped behind the
/// department's back, pending, failed or absent does not). A backend that cannot be asked at all (a transient error of a
/// cluster API) is no verdict: the broker does not know, so it records nothing rather than an outage it did not see.
/// </summary>
public sealed partial class AvailabilityProbe(
    ResourceHistories histories,
    AvailabilityStore store,
    ProvisionerSelector provisioners,
    BrokerClock clock,
    IOptions<SlaOptions> options,
    ILogger<AvailabilityProbe> logger)
{
    /// <summary>Probes every ready resource once; returns how many changed state.</summary>
    public async Task<int> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var live = await histories.LiveAsync(cancellationToken);
        var at = clock.GetUtcNow();
        var verdicts = new List<(string ResourceId, bool Up, string? Detail)>(live.Count);
        var gate = new Lock();
        await Parallel.ForEachAsync(
            live,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.ProbeParallelism, CancellationToken = cancellationToken },
            async (resource, token) =>
            {
                if (await VerdictAsync(resource.ResourceId, resource.Backend, token) is { } verdict)
                {
                    lock (gate)
                    {
                        verdicts.Add((resource.ResourceId, verdict.Up, verdict.Detail));
                    }
                }
            });
        return await store.RecordAsync(at, verdicts, cancellationToken);
    }

    private async Task<(bool Up, string? Detail)?> VerdictAsync(string resourceId, string backendName, CancellationToken cancellationToken)
    {
        if (provisioners.Named(backendName) is not { } backend)
        {
            return null; // Its resource grain fails it (BackendRules); there is nothing to ask.
        }

        var timeout = options.Value.ProbeTimeout;
        if (provisioners.CredentialsFor(backendName) is { } sharedPostgres)
        {
            var probed = await sharedPostgres.ProbeAsync(resourceId, timeout, cancellationToken);
            return Count(probed.Up, probed.Detail);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var observed = await backend.ObserveAsync(resourceId, deadline.Token);
            return observed.Phase == ObservedPhase.Ready
                ? Count(true, null)
                : Count(false, observed.Message ?? $"The backend reports the resource {observed.Phase.ToString().ToLowerInvariant()}.");
        }
        catch (Exception e) when (e is ProvisionerException { Permanent: false } || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnknown(logger, e, resourceId, backendName);
            BrokerMetrics.SlaProbeVerdicts.WithLabels("unknown").Inc();
            return null;
        }
    }

    private static (bool, string?) Count(bool up, string? detail)
    {
        BrokerMetrics.SlaProbeVerdicts.WithLabels(up ? "up" : "down").Inc();
        return (up, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Availability probe of resource {ResourceId} on backend {Backend} got no answer; nothing recorded")]
    private static partial void LogUnknown(ILogger logger, Exception exception, string resourceId, string backend);
}
