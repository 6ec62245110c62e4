using Broker.Contracts.Common;

namespace Broker.Contracts.Tenancy;

[GenerateSerializer, Immutable, Alias("broker.DepartmentResult")]
public sealed record DepartmentResult(
    [property: Id(0)] DepartmentView? Department,
    [property: Id(1)] BrokerError? Error);
