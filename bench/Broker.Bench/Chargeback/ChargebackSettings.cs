namespace Broker.Bench.Chargeback;

/// <summary>
/// The size of one chargeback run. Full is the data set; quick keeps its shape (five events per resource, a
/// hundred resources per department, twelve months) at a tenth of the size.
/// </summary>
public sealed record ChargebackSettings(bool Quick, int Departments, int ResourcesPerDepartment, int SystemsPerDepartment, int Year, int MeasuredMonth)
{
    /// <summary>created, ready, two of stop/start/resize, then deleted (or a last resize that stays open).</summary>
    public const int EventsPerResource = 5;

    public int Resources => Departments * ResourcesPerDepartment;

    public int Events => Resources * EventsPerResource;

    public static ChargebackSettings For(bool quick) => quick
        ? new(true, 200, 100, 5, 2026, 6)
        : new(false, 2_000, 100, 5, 2026, 6);
}
