using Broker.Provisioners.Contract;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Provisioners.Simulated;

/// <summary>Registers the simulated machine room.</summary>
public static class SimulatedMachineRoomServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SimulatedMachineRoomOptions.SectionName"/> (the default host group when none is configured),
    /// validates it at start, and registers one <see cref="SimulatedMachineRoom"/> singleton both as itself (for the
    /// capacity snapshot) and as an <see cref="IProvisioner"/>. Its clock is <paramref name="clock"/> when given (the host's
    /// business clock), else the registered <see cref="TimeProvider"/>, else the system clock.
    /// </summary>
    public static IServiceCollection AddSimulatedMachineRoom(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, TimeProvider>? clock = null)
    {
        // A second call would register a second IProvisioner for the same room.
        if (services.Any(d => d.ServiceType == typeof(SimulatedMachineRoom)))
        {
            return services;
        }

        services.AddOptions<SimulatedMachineRoomOptions>()
            .Bind(configuration.GetSection(SimulatedMachineRoomOptions.SectionName))
            .PostConfigure(o =>
            {
                if (o.HostGroups.Count == 0)
                {
                    o.HostGroups.Add(SimulatedMachineRoomOptions.DefaultHostGroup());
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatedMachineRoomOptions>, SimulatedMachineRoomOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimulatedMachineRoom(
            sp.GetRequiredService<IOptions<SimulatedMachineRoomOptions>>(),
            clock?.Invoke(sp) ?? sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProvisioner>(sp => sp.GetRequiredService<SimulatedMachineRoom>());
        return services;
    }
}
