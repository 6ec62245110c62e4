using Broker.Contracts.Quotas;

namespace Broker.Contracts.Systems;

/// <summary>The resources the review committee granted a system; orders inside it may be approved automatically.</summary>
[GenerateSerializer, Immutable, Alias("broker.SystemEnvelope")]
public sealed record SystemEnvelope(
    [property: Id(0)] QuotaVector Vector,
    [property: Id(1)] EnvelopePeriod Period);
