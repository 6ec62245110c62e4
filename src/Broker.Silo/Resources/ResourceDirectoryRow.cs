using Broker.Contracts.Resources;
using Broker.Silo.Storage;

namespace Broker.Silo.Resources;

/// <summary>One row of <c>broker.resources</c>, the directory: what lists, sweeps and order progress read without the journal.</summary>
public sealed record ResourceDirectoryRow(
    string Id, string Department, string System, string Order, string Kind, string Plan, int Version, string Tier, string State,
    DateTimeOffset? LeaseEnd, bool LeaseExpiring, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ResourceDirectoryRow Of(ResourceData r) => new(
        r.Id, r.Creation!.Department, r.Creation.OwningSystem, r.Creation.OrderId, r.Spec!.Kind == ResourceKind.Vm ? "vm" : "database",
        r.Spec.PlanCode, r.Spec.PlanVersion, r.Spec.SlaTier, WireText.Of(r.State), r.LeaseEnd, r.LeaseWarned, r.CreatedAt, r.UpdatedAt);
}
