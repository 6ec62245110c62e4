using Broker.Contracts.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Hosting;
using Broker.Silo.Resources;
using Broker.Silo.Tenancy;
using Microsoft.Extensions.Logging;

namespace Broker.Silo.Quotas;

/// <summary>
/// Part of every resource sweep: hands each department what its live resources hold (from the directory) so that the
/// department squares its system-owned reservations with them (<see cref="IDepartmentGrain.ReconcileQuotaAsync"/>).
/// Every department is visited, also one without resources, because use without any live resource is drift too.
/// </summary>
public sealed partial class QuotaPass(ResourceDirectory resources, DepartmentDirectory departments, ILogger<QuotaPass> logger)
{
    /// <summary>How many departments are asked at once.</summary>
    public const int Parallelism = 8;

    /// <summary>Returns how many reservations were repaired and how many departments could not be visited (retried next sweep).</summary>
    public async Task<(int Repaired, int Failed)> RunAsync(IGrainFactory grains)
    {
        // Read before any department is asked: a resource created after this read has a reservation younger than the
        // grace, which the decision leaves alone.
        var holdings = (await resources.HoldingsAsync()).ToLookup(h => h.Department, h => h.Holding, StringComparer.Ordinal);
        var repaired = 0;
        var failed = await BoundedVisits.RunAsync(
            await departments.CodesAsync(), Parallelism,
            async code => Interlocked.Add(ref repaired, await grains.GetGrain<IDepartmentGrain>(code).ReconcileQuotaAsync(holdings[code].ToList())),
            (code, ex) => LogVisitFailed(logger, ex, code));
        return (repaired, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quota pass could not square department {Department}; the next sweep retries")]
    private static partial void LogVisitFailed(ILogger logger, Exception exception, string department);
}
