using Broker.Contracts.Quotas;
using Broker.Contracts.Resources;
using Broker.KubeStandIn;
using k8s;
using static Broker.Silo.Tests.Tenancy.Departments;

namespace Broker.Silo.Tests.Hosting;

/// <summary>
/// A silo wired with the Kubernetes backend (a kubeconfig naming an API server stand-in), as production configures it,
/// and the ready VMs the Kubernetes tests start from.
/// </summary>
public sealed class KubeSilo : IAsyncDisposable
{
    private readonly string _kubeconfig;

    private KubeSilo(KubeStandIn.KubeStandIn kube, TestSilo silo, string kubeconfig)
    {
        Kube = kube;
        Silo = silo;
        _kubeconfig = kubeconfig;
    }

    public KubeStandIn.KubeStandIn Kube { get; }

    public TestSilo Silo { get; }

    /// <summary>
    /// No controller delay unless <paramref name="options"/> says otherwise: a VM is ready as soon as the controllers
    /// run (<c>RunOnce</c>), without waiting on the clock.
    /// </summary>
    public static async Task<KubeSilo> StartAsync(string connectionString, KubeStandInOptions? options = null, IDictionary<string, string?>? overrides = null)
    {
        var kube = await KubeStandIn.KubeStandIn.StartAsync(options ?? new KubeStandInOptions { ControllerDelay = TimeSpan.Zero });
        var kubeconfig = await StandInKubeconfig.WriteAsync(kube);
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = kubeconfig,
            ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new KubeSilo(kube, await TestSilo.StartAsync(connectionString, overrides: settings), kubeconfig);
    }

    /// <summary>A department with one VM of 2 cores, created approved and ready on the stand-in.</summary>
    public async Task<IResourceGrain> ReadyVmAsync(string code, string id)
    {
        var spec = Metering.Journal.Vm(2, 4, 40);
        var department = await CreateAsync(Silo.Grains, code, Limits(vms: 2));
        Assert.True((await department.ReserveAsync(Request(id, spec.Vector, TimeSpan.FromDays(7)), ReservationOwner.System, Admin)).Granted);
        var resource = Silo.Grains.GetGrain<IResourceGrain>(id);
        Assert.Null((await resource.CreateAsync(new ResourceCreation(code, "core", "order-1", "extranet", spec, null, Approved: true), Admin)).Error);
        Kube.Controllers.RunOnce();
        Assert.Equal(ResourceState.Ready, (await resource.ReconcileAsync())!.State);
        return resource;
    }

    /// <summary>Someone gives the VM 16 cores with kubectl; nothing tells the broker.</summary>
    public async Task GiveMoreCoresBehindTheBrokersBackAsync(string code, string id)
    {
        const string edit = """{"spec":{"template":{"spec":{"domain":{"cpu":{"cores":16}}}}}}""";
        var edited = await Kube.Client().CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch(edit, k8s.Models.V1Patch.PatchType.MergePatch), "kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id);
        // From the edit's answer: with the resource watch on, a read after it may already see the repair.
        Assert.Equal(16, Cores(edited));
    }

    private static int Cores(object vm) =>
        (int)System.Text.Json.JsonSerializer.SerializeToNode(vm)!["spec"]!["template"]!["spec"]!["domain"]!["cpu"]!["cores"]!;

    public async Task<int> CoresAsync(string code, string id) =>
        Cores(await Kube.Client().CustomObjects.GetNamespacedCustomObjectAsync("kubevirt.io", "v1", $"dept-{code}", "virtualmachines", id));

    public static QuotaVector Limits(long vms) => new(new Dictionary<string, long>
    {
        ["vcpu"] = 16,
        ["memory_gib"] = 64,
        ["storage_gib"] = 500,
        ["vms"] = vms,
        ["databases"] = 1,
    });

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Kube.DisposeAsync();
        File.Delete(_kubeconfig);
    }
}
