using Broker.Contracts.Common;
using Broker.Contracts.Quotas;

namespace Broker.Contracts.Orders;

[GenerateSerializer, Immutable, Alias("broker.OrderResult")]
public sealed record OrderResult(
    [property: Id(0)] OrderView? Order,
    [property: Id(1)] BrokerError? Error,
    [property: Id(2)] IReadOnlyList<Shortfall> Shortfalls,
    [property: Id(3)] bool Replayed);
