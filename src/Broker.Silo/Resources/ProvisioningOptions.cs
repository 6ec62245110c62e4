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

    /// <summary>How long an unprovisioned order's quota stays held (covers approval waits).</summary>
    public TimeSpan OrderHoldTtl { get; set; } = TimeSpan.FromDays(7);
}
