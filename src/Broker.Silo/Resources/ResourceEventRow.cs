using Broker.Silo.Storage;

namespace Broker.Silo.Resources;

/// <summary>One row of <c>broker.resource_events</c>: the event, and the resource as it stands after it (for metering).</summary>
public sealed record ResourceEventRow(
    string ResourceId, long Seq, DateTimeOffset At, string Type, string Payload, string Department, string System, string Plan, int Version,
    string Tier, string State, string Vector, string Actor, string CorrelationId)
{
    public static ResourceEventRow Of(ResourceData after, long seq, ResourceEvent e, string actor, string correlationId) => new(
        after.Id, seq, e.At, e.Type, BrokerJson.Serialize(e), after.Creation!.Department, after.Creation.OwningSystem, after.Spec!.PlanCode,
        after.Spec.PlanVersion, after.Spec.SlaTier, WireText.Of(after.State), BrokerJson.Serialize(after.Spec.Vector), actor, correlationId);
}
