using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Broker.Silo.Resources;

/// <summary>Wires the Kubernetes resource watch into a silo; it does nothing unless a cluster is configured.</summary>
public static class ResourceWatchExtensions
{
    public static IServiceCollection AddResourceWatch(this IServiceCollection services)
    {
        services.TryAddSingleton<LiveResources>();
        services.TryAddSingleton<ResourceWatchService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ResourceWatchService>());
        return services;
    }
}
