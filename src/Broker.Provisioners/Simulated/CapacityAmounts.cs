namespace Broker.Provisioners.Simulated;

/// <summary>An amount of host capacity: vCPU, memory and storage, in the units departments order in.</summary>
public readonly record struct CapacityAmounts(long Vcpu, long MemoryGib, long StorageGib)
{
    public static CapacityAmounts Zero => default;

    /// <summary>True when every dimension of this amount is at most the same dimension of <paramref name="available"/>.</summary>
    public bool FitsWithin(CapacityAmounts available) =>
        Vcpu <= available.Vcpu && MemoryGib <= available.MemoryGib && StorageGib <= available.StorageGib;

    public static CapacityAmounts operator +(CapacityAmounts a, CapacityAmounts b) =>
        new(a.Vcpu + b.Vcpu, a.MemoryGib + b.MemoryGib, a.StorageGib + b.StorageGib);

    public static CapacityAmounts operator -(CapacityAmounts a, CapacityAmounts b) =>
        new(a.Vcpu - b.Vcpu, a.MemoryGib - b.MemoryGib, a.StorageGib - b.StorageGib);

    public override string ToString() => $"{Vcpu} vCPU, {MemoryGib} GiB memory, {StorageGib} GiB storage";
}
