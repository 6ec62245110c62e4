using Broker.Api.Http;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Broker.Silo.Sla;
using Microsoft.Extensions.Options;

namespace Broker.Api.Sla;

/// <summary>Handler dependencies of the SLA measurement endpoints, bundled for <c>[AsParameters]</c>.</summary>
public sealed record SlaServices(
    BrokerCallContext Context,
    AttainmentSource Attainment,
    IncidentStore Incidents,
    BrokerClock Clock,
    IOptions<SlaOptions> Options)
{
    public TimeSpan LeadTime => Options.Value.MaintenanceLeadTime;

    /// <summary>The period of <paramref name="text"/>, the current month when absent; null (with the error added) when malformed.</summary>
    public AttainmentPeriod? Period(List<(string Field, string Code, object?[] Args)> errors, string? text)
    {
        if (text is null)
        {
            var month = BillingMonth.Of(Clock.GetUtcNow());
            return new AttainmentPeriod(month.ToString(), AttainmentPeriod.Month, month, month);
        }

        if (AttainmentPeriod.TryParse(text, out var period))
        {
            return period;
        }

        errors.Add(("period", "sla.period-invalid", []));
        return null;
    }

    /// <summary>The scope of <paramref name="text"/>, <paramref name="fallback"/> when absent.</summary>
    public static string? Scope(List<(string Field, string Code, object?[] Args)> errors, string? text, string fallback)
    {
        var scope = text ?? fallback;
        if (AttainmentFolds.Scopes.Contains(scope, StringComparer.Ordinal))
        {
            return scope;
        }

        errors.Add(("scope", "sla.scope-invalid", [string.Join(", ", AttainmentFolds.Scopes)]));
        return null;
    }
}
