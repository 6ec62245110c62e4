using System.Globalization;

namespace Broker.KubeStandIn.Api;

/// <summary>The query parameters the stand-in honours.</summary>
internal sealed record QueryOptions(
    string? FieldManager,
    bool? Force,
    bool DryRun,
    string? LabelSelector,
    string? FieldSelector,
    int? Limit,
    string? Continue,
    string? ResourceVersion,
    bool Watch,
    int? TimeoutSeconds,
    string? PropagationPolicy)
{
    public static QueryOptions From(Func<string, string?> get) => new(
        get("fieldManager"),
        get("force") is { } force ? Flag(force) : null,
        get("dryRun") == "All",
        get("labelSelector"),
        get("fieldSelector"),
        int.TryParse(get("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : null,
        get("continue"),
        get("resourceVersion"),
        get("watch") is { } watch && Flag(watch),
        int.TryParse(get("timeoutSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var timeout) ? timeout : null,
        get("propagationPolicy"));

    private static bool Flag(string value) => value is "true" or "1" or "True";
}
