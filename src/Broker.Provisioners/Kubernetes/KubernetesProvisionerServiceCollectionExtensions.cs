using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Registers the Kubernetes backend (KubeVirt VMs, CloudNativePG databases).</summary>
public static class KubernetesProvisionerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KubernetesProvisionerOptions.SectionName"/>, validates it at start, and registers one
    /// <see cref="KubernetesProvisioner"/> singleton as itself only: which backend serves which resource kind is the
    /// host's routing decision, so this does not add an <c>IProvisioner</c>. Calling it twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddKubernetesProvisioner(this IServiceCollection services, IConfiguration configuration)
    {
        // A second call would bind the section a second time.
        if (services.Any(d => d.ServiceType == typeof(KubernetesProvisioner)))
        {
            return services;
        }

        services.AddLogging();
        services.AddOptions<KubernetesProvisionerOptions>()
            .Bind(configuration.GetSection(KubernetesProvisionerOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesProvisionerOptions>, KubernetesProvisionerOptionsValidator>());
        services.AddSingleton<KubernetesProvisioner>();
        return services;
    }
}
