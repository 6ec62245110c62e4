using ResourceKind = Broker.Contracts.Resources.ResourceKind;
using Broker.Provisioners.Contract;
using Broker.Provisioners.Kubernetes;
using Broker.Provisioners.SharedPostgres;
using Broker.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>
/// Which backend builds a resource. VMs go to Kubernetes when it is configured; databases go where
/// <see cref="BackendRoutingOptions.Databases"/> says, by default to the shared PostgreSQL service when configured, else
/// to Kubernetes when configured; anything else to the simulated machine room, which is always there. A resource keeps
/// the backend it was created on (recorded by name), so changing the configuration never moves existing resources; a
/// name that is not configured any more finds nothing (<see cref="Named"/> answers null) and the resource is refused
/// (<see cref="BackendRules"/>), never handed to another backend.
/// </summary>
public sealed class ProvisionerSelector
{
    private readonly Dictionary<string, IProvisioner> _configured = new(StringComparer.Ordinal);
    private readonly IProvisioner _vms;
    private readonly IProvisioner _databases;

    /// <param name="simulated">The default <see cref="IProvisioner"/>: the simulated machine room.</param>
    /// <param name="services">Where the optional backends (and, in crash tests only, <see cref="IPathHooks"/>) are found.</param>
    public ProvisionerSelector(IProvisioner simulated, IServiceProvider services)
    {
        SharedPostgres = services.GetService<SharedPostgresProvisioner>();
        Kubernetes = services.GetService<KubernetesProvisioner>();
        var hooks = services.GetService<IPathHooks>();
        var room = Add(simulated, hooks)!;
        var sharedPostgres = Add(SharedPostgres, hooks);
        var kubernetes = Add(Kubernetes, hooks);
        var routing = services.GetService<IOptions<BackendRoutingOptions>>()?.Value ?? new BackendRoutingOptions();
        _vms = kubernetes ?? room;
        _databases = routing.Databases switch
        {
            BackendRoutingOptions.Kubernetes when kubernetes is not null => kubernetes,
            BackendRoutingOptions.SharedPostgres when sharedPostgres is not null => sharedPostgres,
            _ => sharedPostgres ?? kubernetes ?? room,
        };
    }

    /// <summary>The backend new resources of <paramref name="kind"/> are created on; always a configured one.</summary>
    public IProvisioner For(ResourceKind kind) => kind == ResourceKind.Database ? _databases : _vms;

    /// <summary>The configured backend called <paramref name="name"/>; null when this broker has no such backend.</summary>
    public IProvisioner? Named(string name) => _configured.GetValueOrDefault(name);

    /// <summary>The names of the configured backends.</summary>
    public IReadOnlyCollection<string> Configured => _configured.Keys;

    /// <summary>The Kubernetes backend, when configured; the namespace reconcilers use it.</summary>
    public KubernetesProvisioner? Kubernetes { get; }

    private SharedPostgresProvisioner? SharedPostgres { get; }

    /// <summary>The backend that issues database credentials for <paramref name="name"/>, if it does.</summary>
    public SharedPostgresProvisioner? CredentialsFor(string name) => name == SharedPostgres?.Name ? SharedPostgres : null;

    private IProvisioner? Add(IProvisioner? backend, IPathHooks? hooks)
    {
        if (backend is null)
        {
            return null;
        }

        var used = hooks?.Backend(backend) ?? backend;
        _configured[used.Name] = used;
        return used;
    }
}
