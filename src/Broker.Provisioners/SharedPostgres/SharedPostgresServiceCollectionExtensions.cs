using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.SharedPostgres;

/// <summary>Registers the shared PostgreSQL database service.</summary>
public static class SharedPostgresServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SharedPostgresOptions.SectionName"/>, validates it at start, and registers one
    /// <see cref="SharedPostgresProvisioner"/> singleton as itself only: which backend serves which resource kind is the
    /// host's routing decision, so this does not add an <c>IProvisioner</c>. Calling it twice registers nothing more.
    /// </summary>
    public static IServiceCollection AddSharedPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        // A second call would bind the section a second time.
        if (services.Any(d => d.ServiceType == typeof(SharedPostgresProvisioner)))
        {
            return services;
        }

        services.AddLogging();
        services.AddOptions<SharedPostgresOptions>()
            .Bind(configuration.GetSection(SharedPostgresOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SharedPostgresOptions>, SharedPostgresOptionsValidator>());
        services.AddSingleton<SharedPostgresProvisioner>();
        return services;
    }
}
