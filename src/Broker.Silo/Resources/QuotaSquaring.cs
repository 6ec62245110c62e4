using Broker.Contracts.Capacity;
using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;

namespace Broker.Silo.Resources;

/// <summary>
/// Quota follows the resource: held until first ready, committed while it exists, resized with it, released once the
/// backend confirms deletion. These say what that means for one state; <see cref="ResourceQuota"/> carries it out, and
/// every call it makes is idempotent, so squaring again after a crash is harmless.
/// </summary>
public static class QuotaSquaring
{
    public static QuotaStep For(ResourceData data) => data.State switch
    {
        ResourceState.Deleted => QuotaStep.Release,
        ResourceState.Ready or ResourceState.Stopped => data.PreviousSpec is null ? QuotaStep.CommitAtSpec : QuotaStep.Commit,
        _ => QuotaStep.None,
    };

    /// <summary>
    /// Whether going from <paramref name="before"/> to <paramref name="after"/> is a resource's first ready (or stopped)
    /// after provisioning, the change that commits its held quota: its journal rows can then ride in the department's
    /// transaction of the commit (<see cref="ResourceQuota.CommitWithAsync"/>).
    /// </summary>
    public static bool CommitsWith(ResourceData before, ResourceData after) =>
        before.State == ResourceState.Provisioning && For(after) is QuotaStep.Commit or QuotaStep.CommitAtSpec;

    /// <summary>The resource as its pool sees it, holding <paramref name="vector"/> (its spec's by default); null where supply is not managed.</summary>
    public static ResourceCapacity? Capacity(ResourceData data, QuotaVector? vector = null) =>
        data.Creation!.Pool is { } pool
            ? new ResourceCapacity(data.Id, pool, data.Creation.Department, data.Creation.OrderId, data.State, vector ?? data.Spec!.Vector)
            : null;

    /// <summary>What a resize holds while it is under way: the larger of the two specs in every dimension.</summary>
    public static QuotaVector Peak(QuotaVector a, QuotaVector b) =>
        new(a.Dimensions.Union(b.Dimensions, StringComparer.Ordinal).Select(d => KeyValuePair.Create(d, Math.Max(a[d], b[d]))));
}
