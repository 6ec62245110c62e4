using Broker.Contracts.Tenancy;

namespace Broker.Silo.Tenancy;

/// <summary>A department as listed in the directory (no quota figures: those come from its grain).</summary>
public sealed record DepartmentSummary(
    string Code,
    string NameZh,
    string NameEn,
    string? ParentCode,
    string? BudgetCode,
    DepartmentStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
