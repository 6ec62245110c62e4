namespace Broker.Silo.Metering;

/// <summary>
/// A ledger interval as rating sees it: times as UTC ticks (end <see cref="long.MaxValue"/> while open), sizes as
/// integers, so rating is integer arithmetic on overlaps and a struct that costs no allocation per row.
/// </summary>
public readonly record struct UsageInterval(
    string ResourceId,
    string SystemId,
    string Kind,
    string PlanCode,
    string SlaTier,
    bool Running,
    int Vcpu,
    int MemoryGib,
    int StorageGib,
    int Instances,
    long StartTicks,
    long EndTicks)
{
    public const long Open = long.MaxValue;
}
