namespace Broker.Contracts.Catalog;

/// <summary>What one VM of a plan gets.</summary>
/// <param name="Images">The operating system images a VM of this plan may be created from (e.g. <c>kylin-v10</c>).</param>
[GenerateSerializer, Immutable, Alias("broker.VmSpec")]
public sealed record VmSpec(
    [property: Id(0)] int Vcpu,
    [property: Id(1)] int MemoryGib,
    [property: Id(2)] int SystemDiskGib,
    [property: Id(3)] IReadOnlyList<string> Images)
{
    // Records compare lists by reference; two specs with the same images are the same spec.
    public bool Equals(VmSpec? other) =>
        other is not null && Vcpu == other.Vcpu && MemoryGib == other.MemoryGib && SystemDiskGib == other.SystemDiskGib
        && Images.SequenceEqual(other.Images, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Vcpu, MemoryGib, SystemDiskGib, Images.Count);
}
