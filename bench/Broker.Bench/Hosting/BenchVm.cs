namespace Broker.Bench.Hosting;

/// <summary>The one VM plan the benchmarks that order VMs through the broker use, and its size.</summary>
public static class BenchVm
{
    public const string PlanCode = "bench-vm";

    public const string Image = "debian-12";

    public const int Vcpu = 2;

    public const int MemoryGib = 4;

    public const int DiskGib = 20;
}
