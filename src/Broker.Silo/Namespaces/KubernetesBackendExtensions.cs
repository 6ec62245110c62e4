using Broker.Provisioners.Kubernetes;
using Broker.Silo.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Namespaces;

/// <summary>Wires the Kubernetes backend into the silo when a cluster is configured, and the backend routing options.</summary>
public static class KubernetesBackendExtensions
{
    /// <summary>
    /// Registers the Kubernetes provisioner when <c>Broker:Provisioning:Kubernetes</c> names a kubeconfig or
    /// <c>InCluster</c>; <see cref="ProvisionerSelector"/> then routes VMs (and databases, see
    /// <see cref="BackendRoutingOptions"/>) to it, and each department's <see cref="NamespaceGrain"/> governs its namespace.
    /// </summary>
    public static IServiceCollection AddKubernetesBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackendRoutingOptions>().BindConfiguration(BackendRoutingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackendRoutingOptions>, BackendRoutingOptionsValidator>());
        var section = configuration.GetSection(KubernetesProvisionerOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(section[nameof(KubernetesProvisionerOptions.KubeconfigPath)])
            || section.GetValue<bool>(nameof(KubernetesProvisionerOptions.InCluster)))
        {
            services.AddKubernetesProvisioner(configuration);
        }

        return services;
    }
}
