using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Chargeback;

public static class ChargebackServiceCollectionExtensions
{
    /// <summary>
    /// Finance views, budgets, savings and the chargeback gauges. Needs <c>AddBrokerCore</c> (data source, clock, and the
    /// statement engine that metering registers).
    /// </summary>
    public static IServiceCollection AddBrokerChargeback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChargebackOptions>().Bind(configuration.GetSection(ChargebackOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChargebackOptions>, ChargebackOptionsValidator>());
        services.TryAddSingleton<StatementSource>();
        services.TryAddSingleton<BudgetStore>();
        services.TryAddSingleton<PeakAllocations>();
        services.TryAddSingleton<OpenAllocations>();
        services.TryAddSingleton<ChargebackViews>();
        services.TryAddSingleton<SavingsService>();
        // One instance, both hosted and resolvable, so an operator tool or a test can refresh the gauges on demand.
        services.TryAddSingleton<ChargebackGaugeService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChargebackGaugeService>());
        return services;
    }
}
