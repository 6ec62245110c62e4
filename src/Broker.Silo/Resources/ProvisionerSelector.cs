using ResourceKind = Broker.Contracts.Resources.ResourceKind;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Broker.Provisioners.SharedPostgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>
/// Which backend builds a resource. VMs go to Kubernetes when it is configured; databases go where
/// <see cref="BackendRoutingOptions.Databases"/> says, by default to the shared PostgreSQL service when configured, else
/// to Kubernetes when configured; anything else to the default provisioner (the simulated machine room). A resource
/// keeps the backend it was created on (recorded by name), so changing the configuration never moves existing resources.
/// </summary>
public sealed class ProvisionerSelector
{
    private readonly IProvisioner _fallback;
    private readonly SharedPostgresProvisioner? _sharedPostgres;
    private readonly KubernetesProvisioner? _kubernetes;
    // The Kubernetes backend as resources use it: the provisioner itself unless a test crash point is armed.
    private readonly IProvisioner? _kubernetesBackend;
    private readonly IProvisioner _databases;

    public ProvisionerSelector(IProvisioner fallback, IServiceProvider services)
    {
        _fallback = fallback;
        _sharedPostgres = services.GetService<SharedPostgresProvisioner>();
        _kubernetes = services.GetService<KubernetesProvisioner>();
        var crashPoint = TestCrashPoints.FromEnvironment();
        _kubernetesBackend = _kubernetes is not null && crashPoint != TestCrashPoint.None ? new CrashingProvisioner(_kubernetes, crashPoint) : _kubernetes;
        var routing = services.GetService<IOptions<BackendRoutingOptions>>()?.Value ?? new BackendRoutingOptions();
        _databases = routing.Databases switch
        {
            BackendRoutingOptions.Kubernetes when _kubernetesBackend is not null => _kubernetesBackend,
            BackendRoutingOptions.SharedPostgres when _sharedPostgres is not null => _sharedPostgres,
            _ => (IProvisioner?)_sharedPostgres ?? _kubernetesBackend ?? fallback,
        };
    }

    public IProvisioner For(ResourceKind kind) => kind == ResourceKind.Database ? _databases : _kubernetesBackend ?? _fallback;

    public IProvisioner Named(string name) => name switch
    {
        _ when _sharedPostgres is not null && name == _sharedPostgres.Name => _sharedPostgres,
        _ when _kubernetesBackend is not null && name == _kubernetesBackend.Name => _kubernetesBackend,
        _ => _fallback,
    };

    /// <summary>The Kubernetes backend, when configured; the namespace reconcilers use it.</summary>
    public KubernetesProvisioner? Kubernetes => _kubernetes;

    /// <summary>The backend that issues database credentials for <paramref name="name"/>, if it does.</summary>
    public SharedPostgresProvisioner? CredentialsFor(string name) => name == _sharedPostgres?.Name ? _sharedPostgres : null;
}
