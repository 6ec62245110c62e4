using Broker.Api.Quotas;
using Broker.Contracts.Tenancy;
using Broker.Silo.Quotas;

namespace Broker.Api.Tenancy;

public sealed record DepartmentResponse(
    string Code,
    string NameZh,
    string NameEn,
    string? ParentCode,
    string? BudgetCode,
    IReadOnlyList<Contact> Contacts,
    DepartmentStatus Status,
    QuotaResponse Quota,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static DepartmentResponse From(DepartmentView view, IEnumerable<QuotaDimension> dimensions) => new(
        view.Code, view.Profile.NameZh, view.Profile.NameEn, view.Profile.ParentCode, view.Profile.BudgetCode,
        view.Profile.Contacts, view.Profile.Status, QuotaResponse.From(view.Quota, dimensions), view.CreatedAt, view.UpdatedAt);
}
