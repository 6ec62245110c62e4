using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Metering;

/// <summary>Wires metering: options, stores, the statement engine, and the ledger relay on silos.</summary>
public static class MeteringServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerMetering(this IServiceCollection services)
    {
        services.AddOptions<MeteringOptions>().BindConfiguration(MeteringOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MeteringOptions>, MeteringOptionsValidator>());
        services.TryAddSingleton<LedgerRelay>();
        services.TryAddSingleton<RateCardStore>();
        services.TryAddSingleton<StatementStore>();
        services.TryAddSingleton<IntegrityCheck>();
        services.TryAddSingleton<LedgerIntervals>();
        services.TryAddSingleton<UsageImportStore>();
        services.TryAddSingleton<OmProfileStore>();
        services.TryAddSingleton<QuoteService>();
        services.TryAddSingleton<MonthClosing>();
        services.TryAddSingleton<StatementCache>();
        // Credits read measured attainment; until a measurement registers its source, nothing is measured or credited.
        services.TryAddSingleton<Sla.SlaCreditSource>();
        services.TryAddSingleton<StatementEngine>();
        services.TryAddSingleton<IStatementEngine>(sp => sp.GetRequiredService<StatementEngine>());
        return services;
    }

    /// <summary>The relay runs where the silo runs (not in an API-only client process).</summary>
    public static IServiceCollection AddLedgerRelay(this IServiceCollection services) => services.AddHostedService<LedgerRelayService>();
}
