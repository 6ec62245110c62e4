using System.Text.RegularExpressions;
using Broker.Contracts.Common;
using Broker.Silo.Sla;

namespace Broker.Api.Sla;

/// <summary>An incident request's rules, every failure at once, each naming its field.</summary>
public static partial class IncidentValidation
{
    public static List<(string Field, string Code, object?[] Args)> Check(IncidentRequest request, DateTimeOffset now, IReadOnlyCollection<string> backends, out IncidentDraft? draft)
    {
        var errors = new List<(string Field, string Code, object?[] Args)>();
        draft = null;
        if (request.Start is null)
        {
            errors.Add(("start", "field.required", []));
        }
        else if (request.End is { } end && end <= request.Start)
        {
            errors.Add(("end", "incident.end-before-start", []));
        }

        foreach (var (field, time) in new[] { ("start", request.Start), ("end", request.End), ("announcedAt", request.AnnouncedAt) })
        {
            if (time is { } t && t.UtcDateTime.Year is < 2000 or >= 2200)
            {
                errors.Add((field, "incident.time-out-of-range", []));
            }
        }

        var planned = request.Planned ?? false;
        if (planned && request.AnnouncedAt is null)
        {
            errors.Add(("announcedAt", "incident.announced-required", []));
        }
        else if (request.AnnouncedAt is { } announced && announced > now)
        {
            errors.Add(("announcedAt", "incident.announced-in-future", []));
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            errors.Add(("description", "field.required", []));
        }
        else if (request.Description.Length > FieldLimits.Text)
        {
            errors.Add(("description", "field.too-long", [FieldLimits.Text]));
        }

        var resources = Names(errors, "resources", request.Resources, ResourceId());
        var pools = Names(errors, "pools", request.Pools, Name());
        var named = Names(errors, "backends", request.Backends, Name());
        foreach (var unknown in named.Where(b => !backends.Contains(b)))
        {
            errors.Add(("backends", "incident.backend-unknown", [unknown, string.Join(", ", backends)]));
        }

        var scoped = resources.Count + pools.Count + named.Count > 0;
        if (request.WholePlatform == true && scoped)
        {
            errors.Add(("wholePlatform", "incident.scope-conflict", []));
        }
        else if (request.WholePlatform != true && !scoped)
        {
            errors.Add(("resources", "incident.scope-required", []));
        }

        if (errors.Count == 0)
        {
            draft = new IncidentDraft(request.Start!.Value, request.End, planned, request.AnnouncedAt, request.Description!.Trim(), resources, pools, named);
        }

        return errors;
    }

    private static List<string> Names(List<(string Field, string Code, object?[] Args)> errors, string field, IReadOnlyList<string>? names, Regex pattern)
    {
        if (names is null)
        {
            return [];
        }

        if (names.Count > FieldLimits.Entries)
        {
            errors.Add((field, "field.too-many", [FieldLimits.Entries]));
            return [];
        }

        var bad = names.Where(n => n is null || !pattern.IsMatch(n)).Take(1).ToList();
        if (bad.Count > 0)
        {
            errors.Add((field, "incident.name-invalid", [bad[0] ?? "null"]));
            return [];
        }

        return [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Resource ids are DNS labels (an order id, a dash and a number).</summary>
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceId();

    /// <summary>Pool and backend names, as the capacity and provisioning configuration spell them.</summary>
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    /// <summary>Incident ids as the store makes them (<c>inc-</c> and 12 hex digits).</summary>
    public static bool IsIncidentId(string id) => IncidentId().IsMatch(id);

    [GeneratedRegex("^inc-[0-9a-f]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IncidentId();
}
