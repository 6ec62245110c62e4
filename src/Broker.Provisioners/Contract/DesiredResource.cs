namespace Broker.Provisioners.Contract;

/// <summary>
/// What a resource should be, in the units departments order in. A backend derives everything it creates from this
/// and the resource id alone, so applying the same desired state twice creates nothing new.
/// </summary>
/// <param name="ResourceId">Stable, DNS-label safe id; the idempotency key of every provisioner call.</param>
/// <param name="Department">Department code (the namespace / tenant the resource lives in).</param>
/// <param name="OwningSystem">Id of the department's system the resource belongs to.</param>
/// <param name="PlanCode">Catalog plan code.</param>
/// <param name="PlanVersion">Catalog plan version the resource was ordered (or last resized) with.</param>
/// <param name="SlaTier">bronze, silver or gold.</param>
/// <param name="NetworkZone">extranet, internet or dedicated-line: the system's declared network.</param>
/// <param name="Running">For VMs: false means stopped (run strategy Halted); databases are always running.</param>
/// <param name="Pool">The capacity pool the broker placed the resource in (null where supply is not managed); a backend
/// with several pools builds it there.</param>
public sealed record DesiredResource(
    string ResourceId,
    WorkloadKind Kind,
    string Department,
    string OwningSystem,
    string PlanCode,
    int PlanVersion,
    string SlaTier,
    string NetworkZone,
    int Vcpu,
    int MemoryGib,
    int StorageGib,
    bool Running,
    string? Image = null,
    string? DatabaseName = null,
    string? EngineVersion = null,
    int Instances = 1,
    int BackupRetentionDays = 0,
    int ConnectionLimit = 0,
    string? Pool = null);
