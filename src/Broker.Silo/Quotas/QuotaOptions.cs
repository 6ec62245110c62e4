namespace Broker.Silo.Quotas;

/// <summary>Quota dimensions and the department grain's admission and durability settings.</summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Broker:Quota";

    /// <summary>The dimensions a quota vector may name. The five every plan uses must be present.</summary>
    public List<QuotaDimension> Dimensions { get; set; } = [];

    /// <summary>Largest amount in any one dimension; larger inputs are refused rather than risking overflow.</summary>
    public long MaxAmount { get; set; } = 1_000_000_000;

    public TimeSpan DefaultReservationTtl { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxReservationTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a finished reservation is remembered so that a replay gets its first answer.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>At most this many finished reservations are remembered per department, oldest forgotten first.</summary>
    public int ReplayMaxEntries { get; set; } = 10_000;

    /// <summary>A snapshot of the grain state is written after this many journal entries, bounding activation replay.</summary>
    public int SnapshotEvery { get; set; } = 2_000;

    /// <summary>How often an active department looks for expired reservations.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The quota pass repairs a difference between a system-owned reservation and its resource only once both have been
    /// unchanged this long: anything younger may be an order, resize or deletion between its steps.
    /// </summary>
    public TimeSpan DriftGrace { get; set; } = TimeSpan.FromMinutes(5);

    public static readonly string[] RequiredDimensions = ["vcpu", "memory_gib", "storage_gib", "vms", "databases"];
}
