using Broker.Api.Hosting;
using Broker.Api.Http;
using Broker.Provisioners.Simulated;
using Broker.Silo.Audit;
using Broker.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// An operator takes a host of the simulated machine room down, so that the demo and the tests have a real outage for
/// the measurement to find. The room lives in memory in each silo process, so this reaches it only where the API and
/// the silo share one (role <c>all</c>, as ./run.sh starts the broker); elsewhere it is refused rather than silently lost.
/// </summary>
public static class SimulatedOutageApi
{
    public const int MaxMinutes = 31 * 24 * 60;

    public sealed record Injected(string Target, DateTimeOffset Start, DateTimeOffset End);

    public static async Task<Results<Created<Injected>, ProblemHttpResult>> Inject(
        SimulatedOutageRequest request, SimulatedMachineRoom room, IConfiguration configuration, AuditLog audit, [AsParameters] SlaServices services,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        if (string.IsNullOrWhiteSpace(request.Target))
        {
            errors.Add(("target", "field.required", []));
        }
        else if (!room.GetCapacity().Hosts.Any(h => h.Host == request.Target || h.Group == request.Target))
        {
            errors.Add(("target", "sla.outage-target-unknown", [request.Target]));
        }

        if (request.Minutes is not (>= 1 and <= MaxMinutes))
        {
            errors.Add(("minutes", request.Minutes is null ? "field.required" : "sla.outage-minutes-invalid", [MaxMinutes]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (BrokerRoles.From(configuration) != BrokerRole.All)
        {
            return Problems.Conflict("sla.outage-not-here");
        }

        var start = request.Start ?? services.Clock.GetUtcNow();
        var injected = new Injected(request.Target!, start, start.AddMinutes(request.Minutes!.Value));
        room.InjectOutage(injected.Target, injected.Start, injected.End - injected.Start);
        var actor = services.Context.Actor;
        await audit.AppendAsync([new AuditEntry(services.Clock.GetUtcNow(), actor.Subject, actor.DisplayName, null, "simulated-outage", injected.Target,
            "simulated-outage.injected", null, BrokerJson.Serialize(injected), actor.CorrelationId)], cancellationToken);
        return TypedResults.Created((string?)null, injected);
    }
}
