namespace Broker.Bench.Reconcile;

/// <summary>The knobs of one reconcile benchmark run.</summary>
/// <param name="Vms">Ready VMs the broker holds when the idle phase starts.</param>
/// <param name="Departments">Departments they are spread over (a namespace each).</param>
/// <param name="Idle">How long the broker is left alone, drift injected meanwhile.</param>
/// <param name="Injections">Drift injected during the idle phase (half deletions, half spec edits), at random moments.</param>
public sealed record ReconcileSettings(bool Quick, int Vms, int Departments, TimeSpan Idle, int Injections)
{
    /// <summary>VMs per order: the order path's maximum quantity, so that creating them takes as few orders as it allows.</summary>
    public const int PerOrder = 50;

    /// <summary>Orders in flight while creating.</summary>
    public const int Concurrency = 8;

    /// <summary>The poller's window: one read of every resource, spread over a minute.</summary>
    public static readonly TimeSpan PollWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long after the idle phase an injected drift may still be repaired before it counts as unrepaired.</summary>
    public static readonly TimeSpan RepairDeadline = TimeSpan.FromSeconds(60);

    public static ReconcileSettings For(bool quick) => quick
        ? new(quick, Vms: 2_000, Departments: 20, Idle: TimeSpan.FromMinutes(1), Injections: 10)
        : new(quick, Vms: 20_000, Departments: 200, Idle: TimeSpan.FromMinutes(5), Injections: 50);

    public int PerDepartment => Vms / Departments;

    public string Department(int index) => $"bench-{index:000}";
}
