using Broker.Contracts.Common;

namespace Broker.Contracts.Resources;

[GenerateSerializer, Immutable, Alias("broker.DatabaseAccessResult")]
public sealed record DatabaseAccessResult(
    [property: Id(0)] DatabaseAccess? Access,
    [property: Id(1)] BrokerError? Error);
