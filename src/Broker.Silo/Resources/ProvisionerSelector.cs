using ResourceKind = Broker.Contracts.Resources.ResourceKind;
using Broker.Provisioners.Contract;
using Broker.Provisioners.SharedPostgres;
using Microsoft.Extensions.DependencyInjection;

namespace Broker.Silo.Resources;

/// <summary>
/// Which backend builds a resource: databases go to the shared PostgreSQL service when one is configured, everything
/// else to the default provisioner. A resource keeps the backend it was created on (recorded by name), so changing
/// the configuration never moves existing resources.
/// </summary>
public sealed class ProvisionerSelector(IProvisioner fallback, IServiceProvider services)
{
    private readonly SharedPostgresProvisioner? _sharedPostgres = services.GetService<SharedPostgresProvisioner>();

    public IProvisioner For(ResourceKind kind) =>
        kind == ResourceKind.Database && _sharedPostgres is not null ? _sharedPostgres : fallback;

    public IProvisioner Named(string name) =>
        _sharedPostgres is not null && name == _sharedPostgres.Name ? _sharedPostgres : fallback;

    /// <summary>The backend that issues database credentials for <paramref name="name"/>, if it does.</summary>
    public SharedPostgresProvisioner? CredentialsFor(string name) => name == _sharedPostgres?.Name ? _sharedPostgres : null;
}
