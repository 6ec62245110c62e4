namespace Broker.Api.Catalog;

/// <summary>The <c>vm</c> part of a plan body.</summary>
public sealed record VmSpecRequest(int? Vcpu, int? MemoryGib, int? SystemDiskGib, List<string>? Images);
