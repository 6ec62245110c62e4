using Broker.Contracts.Quotas;

namespace Broker.Contracts.Tenancy;

[GenerateSerializer, Immutable, Alias("broker.DepartmentView")]
public sealed record DepartmentView(
    [property: Id(0)] string Code,
    [property: Id(1)] DepartmentProfile Profile,
    [property: Id(2)] QuotaView Quota,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);
