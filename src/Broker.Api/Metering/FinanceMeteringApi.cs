using Broker.Api.Http;
using Broker.Api.Http.RateLimiting;
using Broker.Silo.Hosting;
using Broker.Silo.Metering;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Api.Metering;

/// <summary>
/// Finance's chargeback API under <c>/api/finance</c>: rate cards, usage imports, O&amp;M profiles, statements of every
/// department, integrity findings and closing a month.
/// </summary>
public static class FinanceMeteringApi
{
    public static RouteGroupBuilder MapFinanceMeteringApi(this RouteGroupBuilder finance)
    {
        var cards = finance.MapGroup("/rate-cards").WithTags("Finance: rate cards");
        cards.MapGet("/", ListRateCards).WithName("ListRateCards").WithSummary("Every rate card version, oldest first");
        cards.MapPost("/", CreateRateCard).WithName("CreateRateCard").WithSummary("A new rate card version from a date on (back-dating needs a reason)");

        var imports = finance.MapGroup("/usage-imports").WithTags("Finance: usage imports");
        imports.MapPost("/", ImportUsage).WithName("ImportUsage").WithSummary("Upload external usage as CSV (text/csv) or JSON; all or nothing")
            .Accepts<string>("text/csv", "application/json").WithUploadLimit();
        imports.MapGet("/{id}", GetImport).WithName("GetImport").WithSummary("The result of an upload: counts and errors by line");

        finance.MapGet("/om-profiles/{department}/{system}", GetOmProfile).WithTags("Finance: O&M").WithName("GetOmProfile")
            .WithSummary("A system's O&M adjustments (the defaults when finance never set them)");
        finance.MapPut("/om-profiles/{department}/{system}", SetOmProfile).WithTags("Finance: O&M").WithName("SetOmProfile")
            .WithSummary("A system's O&M adjustments (importance, service hours, data and transaction scale)");

        var statements = finance.MapGroup("/statements/{period}").WithTags("Finance: statements").AsExpensiveRead();
        statements.MapGet("/", ListStatements).WithName("ListStatements").WithSummary("Every department's total for the month");
        statements.MapGet("/departments/{department}", GetStatement).WithName("GetFinanceStatement").WithSummary("One department's statement");
        statements.MapGet("/integrity", ListFindings).WithName("ListIntegrityFindings").WithSummary("What must be explained before the month can close");
        statements.MapPut("/integrity/{kind}/{resourceId}", ExplainFinding).WithName("ExplainIntegrityFinding").WithSummary("Record why a finding is acceptable");
        statements.MapPost("/close", CloseMonth).WithName("CloseMonth").WithSummary("Freeze every statement of the month with its content hash");
        return finance;
    }

    public static async Task<Ok<IReadOnlyList<RateCard>>> ListRateCards(RateCardStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    public static async Task<Results<Created<RateCard>, ProblemHttpResult>> CreateRateCard(
        RateCardRequest request, RateCardStore store, BrokerCallContext context, BrokerClock clock, CancellationToken cancellationToken)
    {
        if (request.EffectiveFrom is not { } from || request.Prices is null)
        {
            return Problems.Invalid(request.EffectiveFrom is null ? "effectiveFrom" : "prices", "field.required");
        }

        var draft = new RateCardDraft(from, request.EffectiveTo, request.Prices.ToPrices(), request.BackdatingReason?.Trim() is { Length: > 0 } r ? r : null);
        var errors = RateCardValidation.Validate(draft, BillingMonth.DayOf(clock.GetUtcNow()));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var (card, closed) = await store.CreateAsync(draft, context.Actor.Subject, context.Actor.CorrelationId, clock.GetUtcNow(), cancellationToken);
        return card is null
            ? Problems.Conflict("rate-card.period-closed", "effectiveFrom", closed)
            : TypedResults.Created($"/api/finance/rate-cards/{card.Version}", card);
    }

    public static async Task<Results<Created<ImportResult>, ProblemHttpResult>> ImportUsage(
        HttpRequest http, string? format, UsageImportStore store, BrokerCallContext context, BrokerClock clock, CancellationToken cancellationToken)
    {
        var kind = format ?? (http.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "json" : "csv");
        if (kind is not ("csv" or "json"))
        {
            return Problems.Invalid("format", "import.format-invalid");
        }

        // The body is bounded by Broker:Requests:MaxUploadBytes (413 above it, see RequestLimitsMiddleware). The file is
        // held once, as the bytes it arrived in (no fixed 40 MB character buffer, no string copy of it); the store parses
        // it front to back from there.
        using var file = new MemoryStream();
        await http.Body.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        var result = await store.ImportAsync(kind, file, context.Actor.Subject, context.Actor.CorrelationId, clock.GetUtcNow(), cancellationToken);
        if (!result.Accepted)
        {
            // The rejection names every bad line and field; the report stays readable under its id.
            return Problems.Invalid(result.Errors.Select(e => ($"line {e.Line}: {e.Field}", e.Code, new object?[] { e.Value })))
                is var problem && problem.ProblemDetails.Extensions is { } extensions
                ? Extend(problem, extensions, result)
                : Problems.Invalid("file", "import.rejected", result.Errors.Count);
        }

        return TypedResults.Created($"/api/finance/usage-imports/{result.Id}", result);
    }

    private static ProblemHttpResult Extend(ProblemHttpResult problem, IDictionary<string, object?> extensions, ImportResult result)
    {
        extensions["importId"] = result.Id;
        extensions["rows"] = result.Errors.Select(e => new { e.Line, e.Field, e.Code, e.Value }).ToList();
        return problem;
    }

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> GetImport(string id, UsageImportStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } result ? TypedResults.Ok(result) : Problems.NotFound("import.not-found", "id");

    public static async Task<Results<Ok<OmProfileResponse>, ProblemHttpResult>> GetOmProfile(
        string department, string system, OmProfileStore store, CancellationToken cancellationToken)
    {
        if (await store.UnknownAsync(department, system, cancellationToken) is { } unknown)
        {
            return Problems.NotFound(unknown);
        }

        return await store.GetAsync(department, system, cancellationToken) is { } profile
            ? TypedResults.Ok(new OmProfileResponse(department, system, profile, IsDefault: false))
            : TypedResults.Ok(new OmProfileResponse(department, system, OmProfile.Normal, IsDefault: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetOmProfile(
        string department, string system, OmProfileRequest request, OmProfileStore store, IOptions<MeteringOptions> options,
        BrokerCallContext context, BrokerClock clock, CancellationToken cancellationToken)
    {
        var om = options.Value.OmFee;
        var errors = new List<(string Field, string Code, object?[] Args)>();
        string Level(string field, string? value, Dictionary<string, decimal> levels, string fallback)
        {
            var level = value ?? fallback;
            if (!levels.ContainsKey(level))
            {
                errors.Add((field, "om-profile.level-invalid", [string.Join(", ", levels.Keys)]));
            }

            return level;
        }

        var profile = new OmProfile(
            Level("importance", request.Importance, om.Importance, OmProfile.Normal.Importance),
            Level("serviceHours", request.ServiceHours, om.ServiceHours, OmProfile.Normal.ServiceHours),
            Level("dataScale", request.DataScale, om.DataScale, OmProfile.Normal.DataScale),
            Level("transactionScale", request.TransactionScale, om.TransactionScale, OmProfile.Normal.TransactionScale));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        return await store.SetAsync(department, system, profile, context.Actor.Subject, clock.GetUtcNow(), context.CorrelationId, cancellationToken) is { } unknown
            ? Problems.NotFound(unknown)
            : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<List<StatementSummary>>, ProblemHttpResult>> ListStatements(string period, IStatementEngine engine, CancellationToken cancellationToken)
    {
        if (!BillingMonth.TryParse(period, out _))
        {
            return Problems.Invalid("period", "period.invalid");
        }

        var all = await engine.GetAllAsync(period, cancellationToken);
        return TypedResults.Ok(all.Select(s => new StatementSummary(s.Department, s.Period, s.State, s.Total, s.Lines.Count, s.ContentHash)).ToList());
    }

    public static async Task<Results<Ok<Statement>, ProblemHttpResult>> GetStatement(string period, string department, IStatementEngine engine, CancellationToken cancellationToken) =>
        BillingMonth.TryParse(period, out _)
            ? TypedResults.Ok(await engine.GetAsync(department, period, cancellationToken))
            : Problems.Invalid("period", "period.invalid");

    public static async Task<Results<Ok<IReadOnlyList<IntegrityFinding>>, ProblemHttpResult>> ListFindings(string period, IntegrityCheck integrity, CancellationToken cancellationToken) =>
        BillingMonth.TryParse(period, out var month)
            ? TypedResults.Ok(await integrity.FindAsync(month, cancellationToken))
            : Problems.Invalid("period", "period.invalid");

    public static async Task<Results<NoContent, ProblemHttpResult>> ExplainFinding(
        string period, string kind, string resourceId, ExplanationRequest request, IntegrityCheck integrity, BrokerCallContext context, BrokerClock clock,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        if (!BillingMonth.TryParse(period, out var month))
        {
            errors.Add(("period", "period.invalid", []));
        }

        if (!IntegrityFinding.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add(("kind", "finding.kind-invalid", []));
        }

        var text = request.Explanation?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(("explanation", "field.required", []));
        }
        else if (text.Length > 2000)
        {
            errors.Add(("explanation", "field.too-long", [2000]));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // Only a finding the month has now can be explained: anything else would store (and close on) a made-up row.
        return await integrity.ExplainAsync(month, kind, resourceId, text, context.Actor.Subject, context.Actor.CorrelationId, clock.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("finding.not-found", "resourceId");
    }

    public static async Task<Results<Ok<List<StatementSummary>>, ProblemHttpResult>> CloseMonth(string period, MonthClosing closing, BrokerCallContext context, CancellationToken cancellationToken)
    {
        if (!BillingMonth.TryParse(period, out var month))
        {
            return Problems.Invalid("period", "period.invalid");
        }

        var outcome = await closing.CloseAsync(month, context.Actor.Subject, context.Actor.CorrelationId, cancellationToken);
        return outcome.Refusal switch
        {
            null => TypedResults.Ok(outcome.Statements.Select(s => new StatementSummary(s.Department, s.Period, s.State, s.Total, s.Lines.Count, s.ContentHash)).ToList()),
            "statement.unexplained-findings" => Problems.Create(StatusCodes.Status409Conflict, outcome.Refusal,
                Localization.Messages.Get(outcome.Refusal, outcome.Unexplained.Count), new Dictionary<string, object?> { ["findings"] = outcome.Unexplained }),
            _ => Problems.Conflict(outcome.Refusal, "period"),
        };
    }
}
