namespace Broker.Contracts.Tenancy;

/// <summary>What the platform team records about a department; the code is the grain key and never changes.</summary>
[GenerateSerializer, Immutable, Alias("broker.DepartmentProfile")]
public sealed record DepartmentProfile(
    [property: Id(0)] string NameZh,
    [property: Id(1)] string NameEn,
    [property: Id(2)] string? ParentCode,
    [property: Id(3)] string? BudgetCode,
    [property: Id(4)] IReadOnlyList<Contact> Contacts,
    [property: Id(5)] DepartmentStatus Status)
{
    // Records compare lists by reference; two profiles with the same contacts are the same profile.
    public bool Equals(DepartmentProfile? other) =>
        other is not null && NameZh == other.NameZh && NameEn == other.NameEn && ParentCode == other.ParentCode
        && BudgetCode == other.BudgetCode && Status == other.Status && Contacts.SequenceEqual(other.Contacts);

    public override int GetHashCode() => HashCode.Combine(NameZh, NameEn, ParentCode, BudgetCode, Status, Contacts.Count);
}
