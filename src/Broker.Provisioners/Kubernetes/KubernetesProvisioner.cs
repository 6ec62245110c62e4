using Broker.Provisioners.Contract;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// VMs as KubeVirt VirtualMachines and databases as CloudNativePG Clusters, each in its department's namespace
/// <c>dept-{code}</c>, named after the resource id and labelled with it. Every write is a server-side apply by field
/// manager <c>broker</c>, so re-applying the same desired state is a no-op on the server, and the cluster itself is the
/// only state: a restarted broker finds its objects again by the <c>broker.gov/resource-id</c> label.
/// The work is split by concern: <see cref="ResourceApplier"/>, <see cref="ResourceObserver"/>,
/// <see cref="ResourceDeleter"/>, <see cref="ResourceLocator"/>; <see cref="Namespaces"/> governs whole namespaces.
/// </summary>
public sealed class KubernetesProvisioner : IProvisioner
{
    private readonly ResourceApplier applier;
    private readonly ResourceObserver observer;
    private readonly ResourceDeleter deleter;
    private readonly KubeApi api;

    /// <summary>For DI: builds its client from the kubeconfig or the pod's service account.</summary>
    public KubernetesProvisioner(IOptions<KubernetesProvisionerOptions> options, ILogger<KubernetesProvisioner> logger)
        : this(CreateClient(options.Value), options.Value, logger)
    {
    }

    /// <summary>With a client the caller owns (tests pass the stand-in's).</summary>
    public KubernetesProvisioner(IKubernetes client, KubernetesProvisionerOptions options, ILogger? logger = null)
    {
        KubernetesProvisionerOptionsValidator.ThrowIfInvalid(options, checkConnection: false);
        api = new KubeApi(client, logger ?? NullLogger.Instance);
        var locator = new ResourceLocator(api);
        observer = new ResourceObserver(api, locator);
        applier = new ResourceApplier(api, locator, observer, options);
        deleter = new ResourceDeleter(api, locator);
        Namespaces = new DepartmentNamespaces(api, options);
        Options = options;
    }

    public string Name => "kubernetes";

    public bool IsSimulated => false;

    /// <summary>The department namespaces' own objects (quota, limits, network policies), for the namespace reconciler.</summary>
    public DepartmentNamespaces Namespaces { get; }

    public KubernetesProvisionerOptions Options { get; }

    public Task<ObservedResource> ApplyAsync(DesiredResource desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return applier.ApplyAsync(desired, cancellationToken);
    }

    public Task<ObservedResource> ObserveAsync(string resourceId, CancellationToken cancellationToken = default) =>
        observer.ObserveAsync(resourceId, cancellationToken);

    public Task<ObservedResource> DeleteAsync(string resourceId, CancellationToken cancellationToken = default) =>
        deleter.DeleteAsync(resourceId, cancellationToken);

    /// <summary>
    /// A watch of this provisioner's VirtualMachines and Clusters that reports drift to <paramref name="sink"/>; the host
    /// runs it (<see cref="ResourceWatch.RunAsync"/>) on one silo. Settings: <see cref="KubernetesProvisionerOptions.Watch"/>.
    /// </summary>
    public ResourceWatch CreateWatch(IResourceWatchSink sink, TimeProvider? time = null, ILogger? logger = null) =>
        new(api.Client, Options, sink, time ?? TimeProvider.System, logger ?? api.Logger);

    private static IKubernetes CreateClient(KubernetesProvisionerOptions options)
    {
        KubernetesProvisionerOptionsValidator.ThrowIfInvalid(options);
        return KubernetesClientFactory.Create(options);
    }
}
