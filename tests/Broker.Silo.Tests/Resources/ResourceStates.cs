using Broker.Contracts.Resources;
using Broker.Silo.Resources;
using Broker.Silo.Tests.Metering;

namespace Broker.Silo.Tests.Resources;

/// <summary>Resource states for the decision tests, folded from journal events the way the grain folds them.</summary>
public static class ResourceStates
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static ResourceData Created(ResourceSpec? spec = null, DateTimeOffset? lease = null, string? pool = null, string backend = "simulated") =>
        new ResourceData { Id = "dept-a-vm" }.Apply(1, new ResourceCreated(
            T0, new ResourceCreation("dept-a", "core", "order-1", "extranet", spec ?? Journal.Vm(2, 4, 40), lease, false, pool), backend));

    public static ResourceData Then(this ResourceData data, params ResourceEvent[] events) =>
        events.Aggregate(data, (d, e) => d.Apply(d.Seq + 1, e));

    public static ResourceData Provisioning(ResourceSpec? spec = null, DateTimeOffset? lease = null, string? pool = null) =>
        Created(spec, lease, pool).Then(new ResourceApproved(T0), new ProvisioningStarted(T0));

    public static ResourceData Ready(ResourceSpec? spec = null, DateTimeOffset? lease = null, string? pool = null) =>
        Provisioning(spec, lease, pool).Then(new ResourceBecameReady(T0, new Dictionary<string, string>()));
}
