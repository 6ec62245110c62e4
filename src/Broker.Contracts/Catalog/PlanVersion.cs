using Broker.Contracts.Quotas;

namespace Broker.Contracts.Catalog;

/// <summary>
/// One immutable version of a catalog plan. Resources keep the version they were ordered with; a change to the plan
/// makes a new version. <see cref="Status"/> is the plan code's current status, the same on every version.
/// Exactly one of <see cref="Vm"/> and <see cref="Database"/> is set, matching <see cref="Kind"/>.
/// </summary>
/// <param name="SlaTiers">Codes of the SLA tiers the plan may be ordered with.</param>
/// <param name="PerUnit">The quota one unit of the plan consumes (e.g. <c>vcpu</c>, <c>memory_gib</c>, <c>storage_gib</c>, <c>vms=1</c>).</param>
[GenerateSerializer, Immutable, Alias("broker.PlanVersion")]
public sealed record PlanVersion(
    [property: Id(0)] string Code,
    [property: Id(1)] int Version,
    [property: Id(2)] OfferingKind Kind,
    [property: Id(3)] string NameZh,
    [property: Id(4)] string NameEn,
    [property: Id(5)] PlanStatus Status,
    [property: Id(6)] IReadOnlyList<string> SlaTiers,
    [property: Id(7)] QuotaVector PerUnit,
    [property: Id(8)] VmSpec? Vm,
    [property: Id(9)] DatabaseSpec? Database,
    [property: Id(10)] DateTimeOffset CreatedAt)
{
    // Records compare lists by reference; compare the tier codes by value.
    public bool Equals(PlanVersion? other) =>
        other is not null && Code == other.Code && Version == other.Version && Kind == other.Kind && NameZh == other.NameZh
        && NameEn == other.NameEn && Status == other.Status && SlaTiers.SequenceEqual(other.SlaTiers, StringComparer.Ordinal)
        && PerUnit.Equals(other.PerUnit) && Equals(Vm, other.Vm) && Equals(Database, other.Database) && CreatedAt == other.CreatedAt;

    public override int GetHashCode() => HashCode.Combine(Code, Version, Status, CreatedAt);
}
