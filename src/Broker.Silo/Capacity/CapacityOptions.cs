namespace Broker.Silo.Capacity;

/// <summary>Capacity pools and the admission policy; bound from <c>Broker:Capacity</c>, validated at start.</summary>
public sealed class CapacityOptions
{
    public const string SectionName = "Broker:Capacity";

    /// <summary>
    /// The pools. None configured means supply is not managed: orders are admitted on quota alone (as before pools
    /// existed). A backend no pool feeds is not managed either.
    /// </summary>
    public List<CapacityPoolOptions> Pools { get; set; } = [];

    /// <summary><c>refuse</c> (default): an order that fits its quota but no pool is refused with the reason. <c>queue</c>: it waits.</summary>
    public string WhenFull { get; set; } = Refuse;

    /// <summary>Below this share of allocatable left free, <c>broker_capacity_headroom_low</c> is 1 for the pool and dimension.</summary>
    public double HeadroomAlertRatio { get; set; } = 0.15;

    /// <summary>The node label naming the pool a Kubernetes node belongs to.</summary>
    public string PoolLabel { get; set; } = "broker.gov.local/pool";

    /// <summary>How long node figures of Kubernetes pools are reused before the nodes are listed again.</summary>
    public TimeSpan NodeRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A hold whose resource never appeared and whose order is not on record after this long is dropped when the grain
    /// squares its books (an order that crashed between the capacity and the quota decision).
    /// </summary>
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Days of recorded history the run-out forecast is fitted to.</summary>
    public int ForecastDays { get; set; } = 30;

    public const string Refuse = "refuse";
    public const string Queue = "queue";

    public bool QueueWhenFull => string.Equals(WhenFull, Queue, StringComparison.Ordinal);

    public static readonly string[] Zones = ["extranet", "internet", "dedicated-line"];
}
