namespace Broker.Provisioners.Simulated;

/// <summary>The four capacity figures of a host or of the whole machine room.</summary>
/// <param name="Physical">What the hardware has.</param>
/// <param name="Allocatable">What may be promised: physical with the vCPU overcommit ratio applied (memory and storage are never overcommitted).</param>
/// <param name="Allocated">What placed resources hold.</param>
/// <param name="Free">Allocatable minus allocated.</param>
public sealed record CapacityFigures(
    CapacityAmounts Physical,
    CapacityAmounts Allocatable,
    CapacityAmounts Allocated,
    CapacityAmounts Free);
