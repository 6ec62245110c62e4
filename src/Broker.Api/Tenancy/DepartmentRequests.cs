namespace Broker.Api.Tenancy;

/// <summary>Body of <c>POST /api/platform/departments</c>. Nullable throughout so that a missing field gets a named error.</summary>
public sealed record CreateDepartmentRequest(
    string? Code,
    string? NameZh,
    string? NameEn,
    string? ParentCode,
    string? BudgetCode,
    List<ContactRequest>? Contacts,
    string? Status,
    Dictionary<string, long>? Quota);

/// <summary>Body of <c>PUT /api/platform/departments/{code}</c>: the profile; quota has its own endpoint.</summary>
public sealed record UpdateDepartmentRequest(
    string? NameZh,
    string? NameEn,
    string? ParentCode,
    string? BudgetCode,
    List<ContactRequest>? Contacts,
    string? Status);

public sealed record ContactRequest(string? Name, string? Email, string? Phone, string? Role);

/// <summary>Body of <c>PUT /api/platform/departments/{code}/quota</c>: the full set of limits.</summary>
public sealed record SetQuotaRequest(Dictionary<string, long>? Limits);
