using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>A department's namespace and what governs it: network policies, the quota and the container defaults.</summary>
internal static class NamespaceManifests
{
    /// <summary>The default deny, then one ingress policy per configured network zone, in a stable order.</summary>
    public static IReadOnlyList<V1NetworkPolicy> NetworkPolicies(string @namespace, KubernetesProvisionerOptions options) =>
        [DefaultDeny(@namespace), .. options.NetworkZones.OrderBy(z => z.Key, StringComparer.Ordinal).Select(z => ZoneIngress(@namespace, z.Key, z.Value))];

    /// <summary>
    /// Ingress into the pods of one zone (selected by their zone label) from the zone's networks and namespaces. Network
    /// policies add up, so this opens exactly these sources and the default deny still closes everything else.
    /// </summary>
    public static V1NetworkPolicy ZoneIngress(string @namespace, string zone, NetworkZoneOptions options) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.ZonePolicyPrefix + zone,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy, [KubernetesNames.NetworkZoneLabel] = zone },
        },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KubernetesNames.NetworkZoneLabel] = zone } },
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        .. options.Cidrs.Select(c => new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = c } }),
                        .. options.NamespaceSelectors.Select(l => new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(l) } }),
                    ],
                },
            ],
        },
    };

    /// <summary>The department's quota in pod units (<see cref="PodSizing"/>), counted on everything the broker creates.</summary>
    public static V1ResourceQuota ResourceQuota(string @namespace, DepartmentQuota quota, KubernetesProvisionerOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.ResourceQuotaName,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy },
        },
        Spec = new V1ResourceQuotaSpec
        {
            Hard = new Dictionary<string, ResourceQuantity>
            {
                ["requests.cpu"] = new(Quantities.Millicores(PodSizing.NamespaceCpuMillicores(quota, options))),
                ["requests.memory"] = new(Quantities.Mebibytes(PodSizing.NamespaceMemoryMib(quota, options))),
                ["requests.storage"] = new(Quantities.Mebibytes(PodSizing.NamespaceStorageGib(quota, options) * 1024)),
                ["count/virtualmachines.kubevirt.io"] = new(quota.Vms.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["count/clusters.postgresql.cnpg.io"] = new(quota.Databases.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            },
        },
    };

    /// <summary>
    /// Requests for containers that declare none (a quota on requests refuses such pods otherwise). Deliberately no
    /// default limits: a default limit would also cap a VM's compute container, which declares requests only, and
    /// the guest would be killed for using the memory it was sold.
    /// </summary>
    public static V1LimitRange LimitRange(string @namespace, KubernetesProvisionerOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "LimitRange",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesNames.LimitRangeName,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy },
        },
        Spec = new V1LimitRangeSpec
        {
            Limits =
            [
                new V1LimitRangeItem
                {
                    Type = "Container",
                    DefaultRequest = new Dictionary<string, ResourceQuantity>
                    {
                        ["cpu"] = new(options.DefaultContainerCpuRequest),
                        ["memory"] = new(options.DefaultContainerMemoryRequest),
                    },
                },
            ],
        },
    };

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
    /// What lets the broker work inside the namespace: its service account bound to the department ClusterRole here, so
    /// that it holds those rights in <c>dept-*</c> namespaces only (infra/k8s/base/rbac.yaml; an admission policy there refuses
    /// any other binding the broker might try to write).
    /// </summary>
    public static V1RoleBinding RoleBinding(string @namespace, KubernetesProvisionerOptions options)
    {
        var parts = options.ServiceAccount.Split('/'); // namespace/name, checked at start
        return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta
            {
                Name = KubernetesNames.RoleBindingName,
                NamespaceProperty = @namespace,
                Labels = new Dictionary<string, string> { [KubernetesNames.ManagedByLabel] = KubernetesNames.ManagedBy },
            },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = options.DepartmentClusterRole },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = parts[1], NamespaceProperty = parts[0] }],
        };
    }

    /// <summary>
    /// Default deny both ways, except traffic inside the namespace and DNS. Ingress from outside is opened per network
    /// zone by <see cref="ZoneIngress"/>.
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
