namespace Broker.Silo.Capacity;

/// <summary>One part of the machine room: what it physically has, how far each dimension may be overcommitted, which
/// network zones it serves and which backend builds in it.</summary>
public sealed class CapacityPoolOptions
{
    public string Name { get; set; } = "";

    /// <summary>Network zones served: <c>extranet</c>, <c>internet</c>, <c>dedicated-line</c>.</summary>
    public List<string> Zones { get; set; } = [];

    public string Backend { get; set; } = "simulated";

    /// <summary>Physical capacity per quota dimension (vcpu, memory_gib, storage_gib, ...).</summary>
    public Dictionary<string, long> Physical { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Overcommit ratio per dimension (vcpu 4 means 4 vCPU sold per physical core); missing means 1.</summary>
    public Dictionary<string, double> Overcommit { get; set; } = new(StringComparer.Ordinal);
}
