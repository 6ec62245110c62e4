using Broker.Contracts.Common;
using Broker.Contracts.Quotas;
using Broker.Contracts.Systems;
using Broker.Silo.Quotas;
using Broker.Silo.Systems;
using Broker.Silo.Storage;

namespace Broker.Api.Systems;

/// <summary>
/// Turns request bodies into contract records, collecting every error with its JSON field: first what only the HTTP
/// shape can get wrong (missing values, unknown names), then the shared <see cref="SystemValidation"/> rules, one error
/// list for the caller, nothing sent to a grain unless it is empty.
/// </summary>
public static class SystemRequests
{
    public static List<(string Field, string Code, object?[] Args)> Registration(RegisterSystemRequest request, out SystemRegistration? registration)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        Required(errors, "omTier", request.OmTier);
        Required(errors, "buildInvestmentCny", request.BuildInvestmentCny);
        var category = Parse<SystemCategory>(errors, "category", request.Category, "system.category-invalid");

        var d = request.Declarations;
        var (zone, scope) = (default(NetworkZone), default(DataSharingScope));
        if (d is null)
        {
            errors.Add(("declarations", "field.required", []));
        }
        else
        {
            Required(errors, "declarations.onSharedCloud", d.OnSharedCloud);
            zone = Parse<NetworkZone>(errors, "declarations.networkZone", d.NetworkZone, "system.network-zone-invalid");
            scope = Parse<DataSharingScope>(errors, "declarations.sharingScope", d.SharingScope, "system.sharing-scope-invalid");
        }

        var candidate = new SystemRegistration(
            request.Name?.Trim() ?? "",
            Optional(request.Description),
            request.OmTier ?? 1,
            request.BuildInvestmentCny ?? 1,
            category,
            new SystemDeclarations(
                d?.OnSharedCloud ?? true,
                Optional(d?.NotOnCloudReason),
                zone,
                scope,
                (d?.SharedCatalogEntries ?? []).Select(e => e?.Trim() ?? "").ToList()),
            Optional(request.ExemptionJustification));
        Merge(errors, SystemValidation.Registration(candidate));
        registration = errors.Count == 0 ? candidate : null;
        return errors;
    }

    public static List<(string Field, string Code, object?[] Args)> Review(ReviewSystemRequest request, QuotaValidation validation, out SystemReview? review)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        Required(errors, "approve", request.Approve);
        SystemEnvelope? envelope = null;
        if (request.Approve == true && request.Envelope is { } e)
        {
            Required(errors, "envelope.vector", e.Vector);
            Merge(errors, e.Vector is null ? [] : validation.Vector("envelope.vector", e.Vector, isLimit: true));
            var period = Parse<EnvelopePeriod>(errors, "envelope.period", e.Period, "system.envelope-period-invalid");
            envelope = new SystemEnvelope(new QuotaVector(e.Vector ?? []), period);
        }

        var candidate = new SystemReview(request.Approve ?? false, envelope, Optional(request.ExemptionReason), Optional(request.Note));
        if (request.Approve is not null)
        {
            Merge(errors, SystemValidation.Review(candidate));
        }

        review = errors.Count == 0 ? candidate : null;
        return errors;
    }

    /// <summary>Parses an enum's kebab-case name, recording a required or invalid error; the default on failure.</summary>
    public static T Parse<T>(List<(string Field, string Code, object?[] Args)> errors, string field, string? text, string invalidCode)
        where T : struct, Enum
    {
        if (text is null)
        {
            errors.Add((field, "field.required", []));
        }
        else if (!WireText.TryParse<T>(text, out var value))
        {
            errors.Add((field, invalidCode, []));
        }
        else
        {
            return value;
        }

        return default;
    }

    private static void Required(List<(string Field, string Code, object?[] Args)> errors, string field, object? value)
    {
        if (value is null)
        {
            errors.Add((field, "field.required", []));
        }
    }

    // One complaint per field: a value already reported missing is not also reported out of range.
    private static void Merge(List<(string Field, string Code, object?[] Args)> errors, IEnumerable<BrokerError> more)
    {
        foreach (var error in more)
        {
            if (!errors.Any(e => e.Field == error.Field))
            {
                errors.Add((error.Field ?? "body", error.Code, error.Detail is null ? [] : [error.Detail]));
            }
        }
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
