using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Api.Identity;
using Broker.Api.Tenancy;
using Broker.Silo.Resources;
using Broker.Silo.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Api.Sla;

/// <summary>
/// The platform's SLA measurement, <c>/api/platform/sla</c> (docs/sla.md): incidents, which platform admins and operators
/// record and correct (audited), and measured attainment of every department. Every platform role reads both, finance
/// included (the platform group's policy); recording an incident needs an operator's or admin's role.
/// </summary>
public static class PlatformSlaApi
{
    private static readonly string[] Recorders = [Roles.PlatformAdmin, Roles.PlatformOperator];

    public static RouteGroupBuilder MapPlatformSlaApi(this RouteGroupBuilder platform)
    {
        var sla = platform.MapGroup("/sla").WithTags("Platform: SLA");
        sla.MapGet("/incidents", ListIncidents).WithName("ListSlaIncidents")
            .WithSummary("Incidents open at some point of ?period (a month, quarter or year; default the current month)");
        sla.MapGet("/incidents/{id}", GetIncident).WithName("GetSlaIncident").WithSummary("One incident, with whether its minutes are excused");
        sla.MapPost("/incidents", RecordIncident).WithName("RecordSlaIncident").WithIdempotencyKey()
            .WithSummary("Record an incident or planned maintenance: when, what it affected, when it was announced")
            .RequireAuthorization(p => p.RequireRole(Recorders));
        sla.MapPut("/incidents/{id}", ChangeIncident).WithName("ChangeSlaIncident")
            .WithSummary("Correct an incident's full content (for example, set its end once service is back)")
            .RequireAuthorization(p => p.RequireRole(Recorders));
        sla.MapGet("/attainment", Attainment).WithName("GetPlatformAttainment").AsExpensiveRead()
            .WithSummary("Measured attainment for ?period per ?scope (resource, system, department, tier, platform), optionally of one ?department");
        sla.MapPost("/simulated-outages", SimulatedOutageApi.Inject).WithName("InjectSimulatedOutage")
            .WithSummary("Take a host or host group of the simulated room down for ?minutes (demo and tests; role all only)")
            .RequireAuthorization(p => p.RequireRole(Recorders));
        return platform;
    }

    public static async Task<Results<Ok<IReadOnlyList<IncidentView>>, ProblemHttpResult>> ListIncidents(
        string? period, [AsParameters] SlaServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        if (services.Period(errors, period) is not { } range)
        {
            return Problems.Invalid(errors);
        }

        var incidents = await services.Incidents.OverlappingAsync(range.First.Start, range.Last.End, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IncidentView>>([.. incidents.Select(i => IncidentView.Of(i, services.LeadTime))]);
    }

    public static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> GetIncident(string id, [AsParameters] SlaServices services, CancellationToken cancellationToken) =>
        IncidentValidation.IsIncidentId(id) && await services.Incidents.GetAsync(id, cancellationToken) is { } incident
            ? TypedResults.Ok(IncidentView.Of(incident, services.LeadTime))
            : Problems.NotFound("incident.not-found", "id");

    public static async Task<Results<Created<IncidentView>, ProblemHttpResult>> RecordIncident(
        IncidentRequest request, ProvisionerSelector provisioners, [AsParameters] SlaServices services, CancellationToken cancellationToken)
    {
        var errors = IncidentValidation.Check(request, services.Clock.GetUtcNow(), provisioners.Configured, out var draft);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var incident = await services.Incidents.CreateAsync(draft!, services.Context.Actor, cancellationToken);
        return TypedResults.Created($"/api/platform/sla/incidents/{incident.Id}", IncidentView.Of(incident, services.LeadTime));
    }

    public static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> ChangeIncident(
        string id, IncidentRequest request, ProvisionerSelector provisioners, [AsParameters] SlaServices services, CancellationToken cancellationToken)
    {
        if (!IncidentValidation.IsIncidentId(id) || await services.Incidents.GetAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound("incident.not-found", "id");
        }

        var errors = IncidentValidation.Check(request, services.Clock.GetUtcNow(), provisioners.Configured, out var draft);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var changed = await services.Incidents.UpdateAsync(id, draft!, services.Context.Actor, cancellationToken);
        return changed is null ? Problems.NotFound("incident.not-found", "id") : TypedResults.Ok(IncidentView.Of(changed, services.LeadTime));
    }

    public static async Task<Results<Ok<AttainmentReport>, ProblemHttpResult>> Attainment(
        string? period, string? scope, string? department, [AsParameters] SlaServices services, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        var range = services.Period(errors, period);
        var by = SlaServices.Scope(errors, scope, AttainmentFolds.Department);
        if (department is not null && !DepartmentValidation.IsCode(department))
        {
            errors.Add(("department", "code.invalid", []));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (department is not null && !await services.Context.DepartmentExistsAsync(department))
        {
            return Problems.NotFound("department.not-found", "department");
        }

        var resources = await services.Attainment.ForPeriodAsync(range!, department, cancellationToken);
        return TypedResults.Ok(AttainmentReport.Of(range!, by!, resources));
    }
}
