using System.Collections.Concurrent;
using Broker.Silo.Metering;
using Broker.Silo.Sla;

namespace Broker.Silo.Tests.Sla;

/// <summary>
/// Measured attainment as a test states it: the input the report, the assessment and the credits read, set per month
/// (and replaced, as a late-recorded outage replaces a month's figures). Test data for an input, not a stand-in for
/// PostgreSQL: the stores and statements around it are real.
/// </summary>
public sealed class SetAttainmentSource : IAttainmentSource
{
    private readonly ConcurrentDictionary<BillingMonth, ConcurrentDictionary<string, ResourceAttainment>> _months = new();

    /// <summary>Sets (or replaces) each resource's figures for the month.</summary>
    public void Set(BillingMonth month, params ResourceAttainment[] resources)
    {
        var figures = _months.GetOrAdd(month, _ => new ConcurrentDictionary<string, ResourceAttainment>(StringComparer.Ordinal));
        foreach (var r in resources)
        {
            figures[r.ResourceId] = r;
        }
    }

    public Task<IReadOnlyList<ResourceAttainment>> ForMonthAsync(BillingMonth month, string? departmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ResourceAttainment>>(_months.TryGetValue(month, out var figures)
            ? figures.Values.Where(r => departmentId is null || r.DepartmentId == departmentId).OrderBy(r => r.ResourceId, StringComparer.Ordinal).ToList()
            : []);

    /// <summary>
    /// A resource's figures from its minutes, computed as the contract states (attained rounded half-up to 3 decimals,
    /// met when at or above the target), with one counted outage of the down minutes when there are any.
    /// </summary>
    public static ResourceAttainment Figures(
        string department, string system, string resource, string tier, decimal target, long serviceMinutes, long downMinutes,
        DateTimeOffset? outageStart = null, string source = "observed", string? incidentId = null)
    {
        var attained = serviceMinutes == 0 ? 100m : decimal.Round(100m * (serviceMinutes - downMinutes) / serviceMinutes, 3, MidpointRounding.AwayFromZero);
        var start = outageStart ?? new DateTimeOffset(2026, 11, 3, 2, 0, 0, TimeSpan.Zero);
        IReadOnlyList<OutageSpan> outages = downMinutes == 0
            ? []
            : [new OutageSpan(start, start.AddMinutes(downMinutes), downMinutes, source, false, incidentId, incidentId is null ? null : "host down")];
        return new ResourceAttainment(department, system, resource, "plan", tier, target, serviceMinutes, downMinutes, attained, attained >= target, outages);
    }
}
