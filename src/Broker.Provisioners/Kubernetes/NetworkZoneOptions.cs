namespace Broker.Provisioners.Kubernetes;

/// <summary>Where traffic into one network zone may come from; each entry becomes a peer of the zone's ingress policy.</summary>
public sealed class NetworkZoneOptions
{
    /// <summary>Source networks in CIDR notation (<c>10.20.0.0/16</c>), e.g. the extranet's or the dedicated line's range.</summary>
    public List<string> Cidrs { get; set; } = [];

    /// <summary>Namespaces whose pods may connect, by labels (an ingress controller's namespace for the internet zone).</summary>
    public List<Dictionary<string, string>> NamespaceSelectors { get; set; } = [];
}
