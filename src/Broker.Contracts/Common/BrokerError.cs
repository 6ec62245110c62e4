namespace Broker.Contracts.Common;

/// <summary>
/// A refusal a grain returns instead of throwing, so that callers can map it to an HTTP status without
/// catching exceptions across the silo boundary. <see cref="Field"/> names the offending input where there is one.
/// </summary>
[GenerateSerializer, Immutable, Alias("broker.BrokerError")]
public sealed record BrokerError(
    [property: Id(0)] BrokerErrorKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? Detail = null);

[GenerateSerializer, Alias("broker.BrokerErrorKind")]
public enum BrokerErrorKind
{
    Invalid = 0,
    NotFound = 1,
    Conflict = 2,
    Denied = 3,
}
