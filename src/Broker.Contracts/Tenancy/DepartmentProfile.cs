namespace Broker.Contracts.Tenancy;

/// <summary>What the platform team records about a department; the code is the grain key and never changes.</summary>
[GenerateSerializer, Immutable, Alias("broker.DepartmentProfile")]
public sealed record DepartmentProfile(
    [property: Id(0)] string NameZh,
    [property: Id(1)] string NameEn,
    [property: Id(2)] string? ParentCode,
    [property: Id(3)] string? BudgetCode,
    [property: Id(4)] IReadOnlyList<Contact> Contacts,
    [property: Id(5)] DepartmentStatus Status);
