using Broker.Contracts.Common;

namespace Broker.Contracts.Systems;

[GenerateSerializer, Immutable, Alias("broker.SystemResult")]
public sealed record SystemResult(
    [property: Id(0)] SystemView? System,
    [property: Id(1)] BrokerError? Error);
