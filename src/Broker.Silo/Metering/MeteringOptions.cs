namespace Broker.Silo.Metering;

/// <summary>The ledger relay and the O&amp;M fee formula, bound from <c>Broker:Metering</c>.</summary>
public sealed class MeteringOptions
{
    public const string SectionName = "Broker:Metering";

    /// <summary>Run the ledger relay on this silo (every silo may: an advisory lock lets one relay at a time).</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>How often the relay looks for new journal events once it has caught up.</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events applied per transaction.</summary>
    public int RelayBatchSize { get; set; } = 2000;

    /// <summary>
    /// How far before the previous pass the relay looks again (by the journal's <c>recorded_at</c>, the start time of
    /// the writing transaction): covers a journal transaction that began before the pass and committed after it.
    /// </summary>
    public TimeSpan RelayLookBack { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an open month's statement is served from memory while nothing it is computed from changed (running
    /// resources accrue with time alone, so it ages out). Zero turns the cache off.
    /// </summary>
    public TimeSpan OpenStatementMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Open statements kept in memory at most (one per department and month, plus one per month for all).</summary>
    public int OpenStatementCacheEntries { get; set; } = 10_000;

    /// <summary>Statement lines for O&amp;M: the composite-rate factors and the split into three shares.</summary>
    public OmFeeOptions OmFee { get; set; } = new();
}
