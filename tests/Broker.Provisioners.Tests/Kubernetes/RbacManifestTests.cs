using Broker.Provisioners.Kubernetes;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>
/// infra/k8s/base/rbac.yaml, parsed as a cluster would: cluster-wide the broker may only apply dept-* namespaces, bind the
/// department role, and list nodes; everything it provisions is granted per department namespace; an admission policy
/// refuses its writes anywhere else.
/// </summary>
public sealed class RbacManifestTests
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "delete", "deletecollection", "bind", "escalate", "impersonate", "*"];
    private static readonly IReadOnlyList<object> Objects = KubernetesYaml.LoadAllFromString(Broker.TestSupport.RepositoryFiles.Read("infra", "k8s", "base", "rbac.yaml"));

    private static V1ClusterRole ClusterRole(string name) => Objects.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == name);

    private static IEnumerable<V1ClusterRole> BoundClusterWide() =>
        Objects.OfType<V1ClusterRoleBinding>().Select(b => ClusterRole(b.RoleRef.Name));

    [Fact]
    public void No_rule_uses_a_wildcard()
    {
        foreach (var rule in Objects.OfType<V1ClusterRole>().SelectMany(r => r.Rules).Concat(Objects.OfType<V1Role>().SelectMany(r => r.Rules)))
        {
            Assert.DoesNotContain("*", rule.Verbs);
            Assert.DoesNotContain("*", rule.Resources ?? []);
            Assert.DoesNotContain("*", rule.ApiGroups ?? []);
        }
    }

    [Fact]
    public void Cluster_wide_the_broker_writes_only_namespaces_and_role_bindings_and_binds_only_the_department_role()
    {
        var bound = BoundClusterWide().ToList();
        Assert.Equal(["broker-cluster"], bound.Select(r => r.Metadata.Name));
        var writes = bound.SelectMany(r => r.Rules).Where(rule => rule.Verbs.Any(WriteVerbs.Contains)).ToList();

        Assert.All(writes, rule => Assert.True(
            (rule.Resources.SequenceEqual(["namespaces"]) || rule.Resources.SequenceEqual(["rolebindings"])) && rule.Verbs.Where(WriteVerbs.Contains).SequenceEqual(["patch"])
            || (rule.Resources.SequenceEqual(["clusterroles"]) && rule.Verbs.SequenceEqual(["bind"]) && rule.ResourceNames.SequenceEqual(["broker-department"])),
            $"cluster-wide write: {string.Join(",", rule.Verbs)} on {string.Join(",", rule.Resources)}"));
    }

    [Fact]
    public void Cluster_wide_the_broker_reads_no_namespaced_object_but_its_role_bindings_and_the_vms_and_clusters_it_watches_and_lists_nodes()
    {
        var rules = BoundClusterWide().SelectMany(r => r.Rules).ToList();

        Assert.Equal(
            ["clusterroles", "clusters", "namespaces", "nodes", "rolebindings", "virtualmachines"],
            rules.SelectMany(r => r.Resources).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["list"], rules.Single(r => r.Resources.Contains("nodes")).Verbs);
        // The resource watch: read only, and only the two kinds it repairs.
        Assert.Equal(["list", "watch"], rules.Single(r => r.Resources.Contains("virtualmachines")).Verbs);
        Assert.Equal(["kubevirt.io"], rules.Single(r => r.Resources.Contains("virtualmachines")).ApiGroups);
        Assert.Equal(["list", "watch"], rules.Single(r => r.Resources.Contains("clusters")).Verbs);
        Assert.Equal(["postgresql.cnpg.io"], rules.Single(r => r.Resources.Contains("clusters")).ApiGroups);
        Assert.DoesNotContain(rules, r => r.Resources.Contains("secrets"));
    }

    [Fact]
    public void The_department_role_is_bound_only_per_namespace_and_covers_what_the_provisioner_does_there()
    {
        var options = new KubernetesProvisionerOptions();
        var department = ClusterRole(options.DepartmentClusterRole);
        Assert.DoesNotContain(Objects.OfType<V1ClusterRoleBinding>(), b => b.RoleRef.Name == department.Metadata.Name);

        string[] Verbs(string group, string resource) =>
            department.Rules.Where(r => r.ApiGroups.Contains(group) && r.Resources.Contains(resource)).SelectMany(r => r.Verbs).ToArray();
        Assert.Equal(["get", "list", "patch", "delete"], Verbs("kubevirt.io", "virtualmachines"));
        Assert.Equal(["get", "list", "patch", "delete"], Verbs("postgresql.cnpg.io", "clusters"));
        Assert.Equal(["get", "patch"], Verbs("", "resourcequotas"));
        Assert.Equal(["get", "patch"], Verbs("networking.k8s.io", "networkpolicies"));
        Assert.Equal(["deletecollection"], Verbs("", "secrets")); // never read: the broker holds no credential
        Assert.Empty(Verbs("", "namespaces"));
        Assert.Empty(Verbs("rbac.authorization.k8s.io", "rolebindings"));
    }

    [Fact]
    public void The_bindings_name_the_service_account_the_provisioner_binds_by_default()
    {
        var account = new KubernetesProvisionerOptions().ServiceAccount.Split('/');

        var subject = Assert.Single(Assert.Single(Objects.OfType<V1ClusterRoleBinding>()).Subjects);
        Assert.Equal(("ServiceAccount", account[0], account[1]), (subject.Kind, subject.NamespaceProperty, subject.Name));
        Assert.Contains(Objects.OfType<V1ServiceAccount>(), a => a.Metadata.Name == account[1] && a.Metadata.NamespaceProperty == account[0]);
    }

    [Fact]
    public void An_admission_policy_refuses_the_brokers_writes_outside_department_namespaces()
    {
        var policy = Assert.Single(Objects.OfType<V1ValidatingAdmissionPolicy>());
        var binding = Assert.Single(Objects.OfType<V1ValidatingAdmissionPolicyBinding>());
        var account = new KubernetesProvisionerOptions().ServiceAccount.Split('/');

        Assert.Equal(policy.Metadata.Name, binding.Spec.PolicyName);
        Assert.Equal(["Deny"], binding.Spec.ValidationActions);
        Assert.Equal("Fail", policy.Spec.FailurePolicy);
        var rule = Assert.Single(policy.Spec.MatchConstraints.ResourceRules);
        Assert.Equal(["*"], rule.ApiGroups);
        Assert.Equal(["*"], rule.Resources);
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], rule.Operations);
        Assert.Contains($"system:serviceaccount:{account[0]}:{account[1]}", Assert.Single(policy.Spec.MatchConditions).Expression, StringComparison.Ordinal);
        var expressions = string.Join("\n", policy.Spec.Validations.Select(v => v.Expression));
        Assert.Contains("request.namespace.startsWith('dept-')", expressions, StringComparison.Ordinal);
        Assert.Contains("request.name.startsWith('dept-')", expressions, StringComparison.Ordinal);
        Assert.Contains($"object.roleRef.name == '{new KubernetesProvisionerOptions().DepartmentClusterRole}'", expressions, StringComparison.Ordinal);
    }
}
