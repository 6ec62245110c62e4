using Broker.Contracts.Catalog;
using Broker.Contracts.Quotas;

namespace Broker.Silo.Catalog;

/// <summary>
/// The content of a plan version as an admin writes it: everything but the code, the version number, the status and
/// the time. Two drafts that match make the same version, which is how an identical update creates nothing.
/// </summary>
public sealed record PlanDraft(
    OfferingKind Kind,
    string NameZh,
    string NameEn,
    IReadOnlyList<string> SlaTiers,
    QuotaVector PerUnit,
    VmSpec? Vm,
    DatabaseSpec? Database)
{
    /// <summary>True when <paramref name="version"/> has exactly this content (list order included).</summary>
    public bool Matches(PlanVersion version) =>
        Kind == version.Kind && NameZh == version.NameZh && NameEn == version.NameEn
        && SlaTiers.SequenceEqual(version.SlaTiers, StringComparer.Ordinal) && PerUnit.Equals(version.PerUnit)
        && Equals(Vm, version.Vm) && Equals(Database, version.Database);

    public PlanVersion ToVersion(string code, int version, PlanStatus status, DateTimeOffset createdAt) =>
        new(code, version, Kind, NameZh, NameEn, status, SlaTiers, PerUnit, Vm, Database, createdAt);

    // Records compare lists by reference; compare the tier codes by value.
    public bool Equals(PlanDraft? other) =>
        other is not null && Kind == other.Kind && NameZh == other.NameZh && NameEn == other.NameEn
        && SlaTiers.SequenceEqual(other.SlaTiers, StringComparer.Ordinal) && PerUnit.Equals(other.PerUnit)
        && Equals(Vm, other.Vm) && Equals(Database, other.Database);

    public override int GetHashCode() => HashCode.Combine(Kind, NameZh, NameEn, SlaTiers.Count, PerUnit);
}
