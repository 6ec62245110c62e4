using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Storage;

/// <summary>One committed change, kept for watches that resume from a resourceVersion and for the fake controllers.</summary>
/// <param name="Revision">The global revision the change was committed at.</param>
/// <param name="Type">What happened.</param>
/// <param name="Key">Which object.</param>
/// <param name="Object">The object after the change (for a delete: its last state). Never mutated.</param>
/// <param name="Previous">The object before the change, null for an add. Never mutated.</param>
internal sealed record StoreEvent(long Revision, WatchEventType Type, ObjectKey Key, JsonObject Object, JsonObject? Previous);
