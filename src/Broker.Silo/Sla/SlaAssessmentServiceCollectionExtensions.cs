using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Silo.Sla;

/// <summary>
/// Wires the assessment side of the SLA: the satisfaction form, the assessment and the monthly report, with their
/// options validated at start. Credits on statements are wired with metering (<see cref="SlaCreditSource"/>); both read
/// the one <see cref="IAttainmentSource"/> registered.
/// </summary>
public static class SlaAssessmentServiceCollectionExtensions
{
    public static IServiceCollection AddBrokerSlaAssessment(this IServiceCollection services)
    {
        services.AddOptions<SatisfactionOptions>().BindConfiguration(SatisfactionOptions.SectionName)
            .PostConfigure(o =>
            {
                if (o.Questions.Count == 0)
                {
                    o.Questions = [.. SatisfactionOptions.DefaultQuestions];
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SatisfactionOptions>, SatisfactionOptionsValidator>());
        services.AddOptions<AssessmentOptions>().BindConfiguration(AssessmentOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AssessmentOptions>, AssessmentOptionsValidator>());
        services.TryAddSingleton<SatisfactionStore>();
        services.TryAddSingleton<AssessmentService>();
        services.TryAddSingleton<SlaReportService>();
        return services;
    }
}
