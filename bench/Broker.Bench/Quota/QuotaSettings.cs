namespace Broker.Bench.Quota;

/// <summary>The knobs of one quota benchmark run; the same for all three designs so their figures compare.</summary>
public sealed record QuotaSettings(bool Quick, int Clients, TimeSpan Warmup, TimeSpan Duration, Demand Limits, int SpreadDepartments)
{
    /// <summary>Reservations outlive the run, so nothing expires while it is measured.</summary>
    public static readonly TimeSpan ReservationTtl = TimeSpan.FromMinutes(30);

    // 64 clients holding ~2.5 vcpu, ~4.5 GiB and ~0.5 vms each want more than these limits, so the hot department
    // denies some requests and the admission check is exercised, not just the bookkeeping.
    public static QuotaSettings For(bool quick) => new(
        quick,
        Clients: 64,
        Warmup: TimeSpan.FromSeconds(quick ? 2 : 5),
        Duration: TimeSpan.FromSeconds(quick ? 6 : 20),
        Limits: new Demand(128, 256, 24),
        SpreadDepartments: 1_000);
}
