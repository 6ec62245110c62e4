namespace Broker.Silo.Resources;

/// <summary>How resource grains drive their backend and handle leases.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Broker:Provisioning";

    /// <summary>While a resource converges (provisioning, updating, deleting), how often it asks the backend.</summary>
    public TimeSpan ObserveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first observation after new work; each next one waits twice as long, up to <see cref="ObserveInterval"/>.
    /// Short, because a backend is often ready moments after the apply (a VM on a warm node).
    /// </summary>
    public TimeSpan FirstObserveDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Period of the resource sweeper's one reminder, which resumes unfinished work after a restart and enforces leases.</summary>
    public TimeSpan ReconcileReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A resource is flagged this long before its lease ends.</summary>
    public TimeSpan LeaseWarning { get; set; } = TimeSpan.FromDays(7);

    /// <summary>After the lease ends the resource is stopped; after this grace it is deleted unless extended.</summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The furthest a lease end may lie ahead of now (an order's or a moved lease's); later dates are refused with 400
    /// <c>lease.out-of-range</c>. A lease that long is a resource without one: say so by leaving the lease out.
    /// </summary>
    public TimeSpan MaxLeaseAhead { get; set; } = TimeSpan.FromDays(3653);

    /// <summary>
    /// How many sweeps may fail to hand a decided order over to its resources before the order is compensated
    /// (quota and capacity given back, the order marked failed with the reason). A permanent error compensates at once.
    /// </summary>
    public int OrderSettleAttempts { get; set; } = 6;

    /// <summary>How long an unprovisioned order's quota stays held (covers approval waits).</summary>
    public TimeSpan OrderHoldTtl { get; set; } = TimeSpan.FromDays(7);
}
