using Broker.Provisioners.Kubernetes;
using Broker.Provisioners.SharedPostgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Resources;

/// <summary>Refuses to start when databases are routed to a backend that is not configured.</summary>
public sealed class BackendRoutingOptionsValidator(IServiceProvider services) : IValidateOptions<BackendRoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, BackendRoutingOptions options)
    {
        const string Key = $"{BackendRoutingOptions.SectionName}:{nameof(BackendRoutingOptions.Databases)}";
        return options.Databases switch
        {
            null or "" => ValidateOptionsResult.Success,
            BackendRoutingOptions.Kubernetes when services.GetService<KubernetesProvisioner>() is null =>
                ValidateOptionsResult.Fail($"{Key} is kubernetes but {KubernetesProvisionerOptions.SectionName} is not configured."),
            BackendRoutingOptions.SharedPostgres when services.GetService<SharedPostgresProvisioner>() is null =>
                ValidateOptionsResult.Fail($"{Key} is shared-postgres but {SharedPostgresOptions.SectionName} is not configured."),
            BackendRoutingOptions.Kubernetes or BackendRoutingOptions.SharedPostgres => ValidateOptionsResult.Success,
            var other => ValidateOptionsResult.Fail($"{Key} '{other}' must be kubernetes or shared-postgres."),
        };
    }
}
