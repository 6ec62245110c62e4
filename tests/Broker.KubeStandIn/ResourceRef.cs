namespace Broker.KubeStandIn;

/// <summary>Names one object for the stand-in's own helpers (peeking, failing on demand); the client is not involved.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Plural">Resource plural (<c>virtualmachines</c>).</param>
/// <param name="Namespace">Namespace; null for cluster-scoped objects.</param>
/// <param name="Name">Object name.</param>
public sealed record ResourceRef(string Group, string Plural, string? Namespace, string Name)
{
    public static ResourceRef VirtualMachine(string ns, string name) => new("kubevirt.io", "virtualmachines", ns, name);

    public static ResourceRef VirtualMachineInstance(string ns, string name) => new("kubevirt.io", "virtualmachineinstances", ns, name);

    public static ResourceRef DataVolume(string ns, string name) => new("cdi.kubevirt.io", "datavolumes", ns, name);

    public static ResourceRef PostgresCluster(string ns, string name) => new("postgresql.cnpg.io", "clusters", ns, name);

    public static ResourceRef Secret(string ns, string name) => new(string.Empty, "secrets", ns, name);

    public static ResourceRef Service(string ns, string name) => new(string.Empty, "services", ns, name);

    public static ResourceRef NamespaceObject(string name) => new(string.Empty, "namespaces", null, name);

    public static ResourceRef Node(string name) => new(string.Empty, "nodes", null, name);

    public override string ToString() => Namespace is null ? $"{Plural}.{Group}/{Name}" : $"{Plural}.{Group} {Namespace}/{Name}";
}
