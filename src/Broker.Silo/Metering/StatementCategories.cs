namespace Broker.Silo.Metering;

/// <summary>Line categories and meters, in the order statements list them.</summary>
public static class StatementCategories
{
    public const string Compute = "compute";
    public const string Storage = "storage";
    public const string Database = "database";
    public const string Imported = "imported";
    public const string Om = "om";

    /// <summary>SLA credits: negative lines for resources that missed their tier's monthly target (docs/sla.md).</summary>
    public const string SlaCredit = "sla-credit";

    public const string Adjustment = "adjustment";

    public static readonly string[] All = [Compute, Storage, Database, Imported, Om, SlaCredit, Adjustment];

    public const string VcpuHour = "vcpu-hour";
    public const string MemoryGibHour = "memory-gib-hour";
    public const string StorageGibMonth = "storage-gib-month";
    public const string DbPlanMonth = "db-plan-month";

    /// <summary>The position in <see cref="All"/> (unknown last); a switch, as sorting a statement asks twice per comparison.</summary>
    public static int Rank(string category) => category switch
    {
        Compute => 0,
        Storage => 1,
        Database => 2,
        Imported => 3,
        Om => 4,
        SlaCredit => 5,
        Adjustment => 6,
        _ => All.Length,
    };
}
