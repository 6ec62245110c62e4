namespace Broker.Silo.Sla;

/// <summary>How the broker measures availability against the SLA tiers (docs/sla.md, "Configuration").</summary>
public sealed class SlaOptions
{
    public const string SectionName = "Broker:Sla";

    /// <summary>
    /// Planned maintenance announced at least this long before it starts is excluded from the outage minutes; announced
    /// later (or not planned) it counts like any outage.
    /// </summary>
    public TimeSpan MaintenanceLeadTime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>How often the availability probe asks each live resource's backend whether it serves (real time).</summary>
    public TimeSpan ProbePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one probe may take before it counts as a failure (a connection that hangs is not service).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many resources are probed at once.</summary>
    public int ProbeParallelism { get; set; } = 8;

    /// <summary>How often the current month's attainment gauges are recomputed (real time).</summary>
    public TimeSpan GaugeRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Public holidays and make-up working days of the <c>5x8</c> service hours.</summary>
    public ServiceCalendarOptions Calendar { get; set; } = new();
}
