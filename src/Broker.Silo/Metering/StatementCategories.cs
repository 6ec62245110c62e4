namespace Broker.Silo.Metering;

/// <summary>Line categories and meters, in the order statements list them.</summary>
public static class StatementCategories
{
    public const string Compute = "compute";
    public const string Storage = "storage";
    public const string Database = "database";
    public const string Imported = "imported";
    public const string Om = "om";
    public const string Adjustment = "adjustment";

    public static readonly string[] All = [Compute, Storage, Database, Imported, Om, Adjustment];

    public const string VcpuHour = "vcpu-hour";
    public const string MemoryGibHour = "memory-gib-hour";
    public const string StorageGibMonth = "storage-gib-month";
    public const string DbPlanMonth = "db-plan-month";

    public static int Rank(string category) => Array.IndexOf(All, category) is var i and >= 0 ? i : All.Length;
}
