using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using k8s;
using k8s.Models;

namespace Broker.Provisioners.Tests.Kubernetes;

/// <summary>
/// The broker works only in <c>dept-{department}</c>: the locator accepts an object only there, and every department
/// namespace gets the RoleBinding that gives the broker its rights in it (and nowhere else).
/// </summary>
public sealed class NamespaceConfinementTests
{
    [Theory]
    [InlineData("dept-fund", "fund", true)]
    [InlineData("dept-fund", "tax", false)]          // another department's namespace
    [InlineData("dept-fund-x", "fund", false)]       // a prefix is not enough
    [InlineData("fund", "fund", false)]              // not a department namespace at all
    [InlineData("kube-system", "fund", false)]
    [InlineData("dept-", "", false)]
    [InlineData("dept-Fund", "Fund", false)]         // not a valid department code
    [InlineData("dept-fund", null, false)]           // an object without the department label
    [InlineData(null, "fund", false)]
    public void The_locator_accepts_only_the_namespace_of_the_objects_own_department(string? ns, string? department, bool accepted)
    {
        Assert.Equal(accepted, ResourceLocator.Accepts(ns, department));
    }

    [Fact]
    public async Task A_restarted_provisioner_does_not_adopt_an_object_found_in_another_departments_namespace()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-own"));
        // The same resource id planted in a dept-* namespace whose department is not the object's own.
        var other = $"dept-{Broker.KubeStandIn.KubeTestCluster.UniqueNamespace("o")}";
        await kube.Client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = other, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "broker" } },
        });
        var planted = new Dictionary<string, object>
        {
            ["apiVersion"] = "kubevirt.io/v1",
            ["kind"] = "VirtualMachine",
            ["metadata"] = new Dictionary<string, object>
            {
                ["name"] = "vm-planted",
                ["labels"] = new Dictionary<string, string> { ["broker.gov/resource-id"] = "vm-planted", ["broker.gov/department"] = kube.Department },
            },
            ["spec"] = new Dictionary<string, object> { ["running"] = false },
        };
        await kube.Client.CustomObjects.CreateNamespacedCustomObjectAsync(planted, "kubevirt.io", "v1", other, "virtualmachines");

        var restarted = new KubernetesProvisioner(kube.Client, TestKube.Options);

        Assert.Equal(ObservedPhase.Absent, (await restarted.ObserveAsync("vm-planted")).Phase);
        Assert.Equal(ObservedPhase.Absent, (await restarted.DeleteAsync("vm-planted")).Phase);
        Assert.NotNull(await kube.Client.CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", other, "virtualmachines", "vm-planted"));
        Assert.NotEqual(ObservedPhase.Absent, (await restarted.ObserveAsync("vm-own")).Phase);
    }

    [Fact]
    public async Task The_first_resource_of_a_department_binds_the_department_role_in_its_namespace_and_drift_is_repaired()
    {
        await using var kube = await TestKube.StartAsync();
        await kube.Provisioner.ApplyAsync(kube.Vm("vm-b1"));

        var binding = await kube.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("broker", kube.Namespace);
        Assert.Equal(("ClusterRole", "broker-department"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", "broker", "broker-system"), (subject.Kind, subject.Name, subject.NamespaceProperty));

        await kube.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("broker", kube.Namespace);
        var repairs = await kube.Provisioner.Namespaces.ReconcileAsync(kube.Department, new DepartmentQuota(8, 32, 500, 2, 1));

        Assert.Contains(repairs, r => r is { Kind: "rolebinding", Name: "broker", Reason: "missing" });
        Assert.NotNull(await kube.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("broker", kube.Namespace));
    }
}
