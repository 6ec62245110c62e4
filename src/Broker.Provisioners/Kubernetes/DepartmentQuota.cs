namespace Broker.Provisioners.Kubernetes;

/// <summary>A department's quota in the units it orders in (guest vCPU, guest GiB), as its namespace must honour it.</summary>
public sealed record DepartmentQuota(long Vcpu, long MemoryGib, long StorageGib, long Vms, long Databases);
