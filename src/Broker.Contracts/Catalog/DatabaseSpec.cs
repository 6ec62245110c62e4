namespace Broker.Contracts.Catalog;

/// <summary>What one database of a plan gets. Sizes are per instance; an HA plan runs <see cref="Instances"/> of them.</summary>
/// <param name="Engine">The engine, lower-case: <c>postgresql</c> (more engines later).</param>
/// <param name="EngineVersion">Major or major.minor version, e.g. <c>16</c>.</param>
/// <param name="Instances">1 for a single instance, 3 for high availability.</param>
[GenerateSerializer, Immutable, Alias("broker.DatabaseSpec")]
public sealed record DatabaseSpec(
    [property: Id(0)] string Engine,
    [property: Id(1)] string EngineVersion,
    [property: Id(2)] int Vcpu,
    [property: Id(3)] int MemoryGib,
    [property: Id(4)] int StorageGib,
    [property: Id(5)] int Instances,
    [property: Id(6)] int BackupRetentionDays,
    [property: Id(7)] int ConnectionLimit);
