using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

public static class SlaServiceCollectionExtensions
{
    /// <summary>
    /// Measured availability in every role: the options (validated at start), the stores, <see cref="IAttainmentSource"/>
    /// and the current month's gauges. Needs <c>AddBrokerCore</c> (data source, clock, catalog, provisioners).
    /// </summary>
    public static IServiceCollection AddSlaMeasurement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>());
        services.TryAddSingleton<AvailabilityStore>();
        services.TryAddSingleton<ResourceHistories>();
        services.TryAddSingleton<IncidentStore>();
        services.TryAddSingleton<AttainmentSource>();
        services.TryAddSingleton<IAttainmentSource>(sp => sp.GetRequiredService<AttainmentSource>());
        services.TryAddSingleton<AvailabilityProbe>();
        // One instance, both hosted and resolvable, so an operator tool or a test can refresh the gauges on demand.
        services.TryAddSingleton<SlaGaugeService>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaGaugeService>());
        return services;
    }

    /// <summary>The availability probe, on silos only (it leads by silo membership).</summary>
    public static IServiceCollection AddAvailabilityProbe(this IServiceCollection services)
    {
        services.AddHostedService<AvailabilityProbeService>();
        return services;
    }
}
