namespace Broker.KubeStandIn.Resources;

/// <summary>What the stand-in knows about one resource: where it lives in the URL space and how it behaves.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">The version discovery advertises; objects are stored per group, whatever version wrote them.</param>
/// <param name="Plural">The URL segment (<c>virtualmachines</c>).</param>
/// <param name="Kind">The kind in bodies (<c>VirtualMachine</c>).</param>
/// <param name="Namespaced">False for cluster-scoped kinds (Namespace, Node, ClusterRole, ...).</param>
/// <param name="HasStatusSubresource">True when <c>/status</c> exists and writes to the main resource leave status alone.</param>
/// <param name="BuiltIn">True for kinds compiled into the API server; false for custom resources, which answer a
/// delete with the deleted object instead of a Status and keep <c>kind</c>/<c>apiVersion</c> on list items.</param>
/// <param name="NameRule">The name validation of the kind.</param>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    bool HasStatusSubresource,
    bool BuiltIn,
    NameRule NameRule = NameRule.Subdomain)
{
    /// <summary><c>v1</c> for the core group, else <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names the resource in messages: <c>virtualmachines.kubevirt.io</c>, or <c>secrets</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>How the API server names the kind in validation messages: <c>Cluster.postgresql.cnpg.io</c>, or <c>Secret</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>A custom resource kind (namespaced, with a status subresource, as CRDs are usually declared).</summary>
    public static ResourceType Custom(string group, string version, string plural, string kind, bool namespaced = true) =>
        new(group, version, plural, kind, namespaced, HasStatusSubresource: true, BuiltIn: false);
}
