namespace Broker.Bench.Provisioning;

/// <summary>The knobs of one provisioning benchmark run; the broker and the minimal controller share them.</summary>
/// <param name="Orders">Measured VM orders (one VM each), for each side.</param>
/// <param name="Concurrency">Orders in flight at once.</param>
/// <param name="Departments">Departments the orders are spread over, round robin (each has its own namespace and quota).</param>
/// <param name="WarmupPerDepartment">Orders per department before measuring, so grains, namespaces and code are warm,
/// and at least twice as many in all as in flight, so both sides' connection pools are full before the clock starts (a
/// new PostgreSQL connection is a new server process: forking and warming one cost a quick run's minimal controller
/// about 3 ms of PostgreSQL CPU per order).</param>
public sealed record ProvisioningSettings(bool Quick, int Orders, int Concurrency, int Departments, int WarmupPerDepartment)
{
    public static ProvisioningSettings For(bool quick) => quick
        ? new(quick, Orders: 200, Concurrency: 32, Departments: 4, WarmupPerDepartment: 16)
        : new(quick, Orders: 1_000, Concurrency: 32, Departments: 10, WarmupPerDepartment: 8);

    public int OrdersPerDepartment => (Orders + Departments - 1) / Departments + WarmupPerDepartment;

    public string Department(int index) => $"bench-{index % Departments:00}";

    public IEnumerable<string> DepartmentCodes => Enumerable.Range(0, Departments).Select(Department);
}
