namespace Broker.Api.Catalog;

/// <summary>The <c>database</c> part of a plan body; sizes are per instance.</summary>
public sealed record DatabaseSpecRequest(
    string? Engine,
    string? EngineVersion,
    int? Vcpu,
    int? MemoryGib,
    int? StorageGib,
    int? Instances,
    int? BackupRetentionDays,
    int? ConnectionLimit);
