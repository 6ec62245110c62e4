using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>A department's namespace and the network policy that isolates it.</summary>
internal static class NamespaceManifests
{
    public static V1Namespace Namespace(string department) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.NamespaceFor(department),
            Labels = new Dictionary<string, string>
            {
                [KubernetesNames.DepartmentLabel] = department,
                [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy,
                // VMs and database pods run without privileges; anything else a department might slip in is refused.
                ["pod-security.kubernetes.io/enforce"] = "restricted",
            },
        },
    };

    /// <summary>
    /// Default deny both ways, except traffic inside the namespace and DNS. Ingress per network zone (extranet,
    /// internet, dedicated line) is a later step.
    /// </summary>
    public static V1NetworkPolicy DefaultDeny(string @namespace) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.NetworkPolicyName,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy },
        },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }],
            Egress =
            [
                new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] },
                new V1NetworkPolicyEgressRule
                {
                    To =
                    [
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" } },
                            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" } },
                        },
                    ],
                    Ports = [new V1NetworkPolicyPort { Protocol = "UDP", Port = 53 }, new V1NetworkPolicyPort { Protocol = "TCP", Port = 53 }],
                },
            ],
        },
    };
}
