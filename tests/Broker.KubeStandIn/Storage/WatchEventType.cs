namespace Broker.KubeStandIn.Storage;

/// <summary>The event types of a watch stream.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
