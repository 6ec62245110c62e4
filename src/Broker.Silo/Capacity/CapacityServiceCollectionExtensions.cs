using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Capacity;

/// <summary>Registers capacity pools: options validated at start, the store, the pool source, the reporter and the gauges.</summary>
public static class CapacityServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerCapacity(this IServiceCollection services)
    {
        services.AddOptions<CapacityOptions>().BindConfiguration(CapacityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CapacityOptions>, CapacityOptionsValidator>());
        services.TryAddSingleton<CapacityStore>();
        services.TryAddSingleton<CapacityPoolSource>();
        services.TryAddSingleton<CapacityReporter>();
        services.AddHostedService<CapacityMetricsRefresher>();
        return services;
    }
}
