using Broker.Contracts.Common;

namespace Broker.Contracts.Resources;

[GenerateSerializer, Immutable, Alias("broker.ResourceResult")]
public sealed record ResourceResult(
    [property: Id(0)] ResourceView? Resource,
    [property: Id(1)] BrokerError? Error);
