namespace Broker.KubeStandIn.Storage;

/// <summary>Where an object is stored: per group and plural, as etcd keys are, whatever version wrote it.</summary>
internal readonly record struct ObjectKey(string Group, string Plural, string Namespace, string Name)
{
    public static ObjectKey From(ResourceRef reference) =>
        new(reference.Group, reference.Plural, reference.Namespace ?? string.Empty, reference.Name);
}
