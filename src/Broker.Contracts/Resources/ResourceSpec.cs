using Broker.Contracts.Quotas;

namespace Broker.Contracts.Resources;

/// <summary>What a resource is: its plan version, SLA tier, the sizes the plan fixes and the quota it consumes.</summary>
[GenerateSerializer, Immutable, Alias("broker.ResourceSpec")]
public sealed record ResourceSpec(
    [property: Id(0)] ResourceKind Kind,
    [property: Id(1)] string PlanCode,
    [property: Id(2)] int PlanVersion,
    [property: Id(3)] string SlaTier,
    [property: Id(4)] QuotaVector Vector,
    [property: Id(5)] int Vcpu,
    [property: Id(6)] int MemoryGib,
    [property: Id(7)] int StorageGib,
    [property: Id(8)] string? Image,
    [property: Id(9)] string? DatabaseName,
    [property: Id(10)] string? EngineVersion,
    [property: Id(11)] int Instances,
    [property: Id(12)] int BackupRetentionDays,
    [property: Id(13)] int ConnectionLimit);
