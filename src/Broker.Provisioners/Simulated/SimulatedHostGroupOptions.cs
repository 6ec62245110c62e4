namespace Broker.Provisioners.Simulated;

/// <summary>A number of identical simulated hosts. Hosts are named <c>{Name}-01</c>, <c>{Name}-02</c>, ...</summary>
public sealed class SimulatedHostGroupOptions
{
    /// <summary>Lower-case DNS label, unique among the groups.</summary>
    public string Name { get; set; } = "";

    public int Count { get; set; }

    /// <summary>Physical vCPU (hardware threads) per host.</summary>
    public int Vcpu { get; set; }

    public int MemoryGib { get; set; }

    public int StorageGib { get; set; }

    /// <summary>How many vCPU may be promised per physical vCPU (4 means 4:1). Memory and storage are never overcommitted.</summary>
    public double CpuOvercommit { get; set; } = 1.0;
}
