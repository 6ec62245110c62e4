using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Broker.Api.Tests.Operations;

/// <summary>
/// The metric names a PromQL expression reads (alert rules, Grafana panel queries and variables): what is left after
/// string literals, label matchers, ranges, grouping clauses, Grafana variables and PromQL's own words are taken out.
/// </summary>
public static partial class MetricNames
{
    private static readonly HashSet<string> PromQlWords =
    [
        "sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
        "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "histogram_quantile", "time", "timestamp",
        "vector", "scalar", "abs", "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max", "label_replace", "label_join",
        "sort", "sort_desc", "absent", "absent_over_time", "changes", "resets", "sgn", "exp", "ln", "log2", "log10", "sqrt",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time",
        "quantile_over_time", "day_of_month", "days_in_month", "month", "year", "hour", "minute", "inf", "nan",
    ];

    public static IReadOnlySet<string> In(string expression)
    {
        var text = LabelValues().Replace(expression, "$1");
        text = Strings().Replace(text, " ");
        text = Braces().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Variables().Replace(text, " ");
        return Identifiers().Matches(text).Select(m => m.Value).Where(w => !PromQlWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every query of a Grafana dashboard: panel targets' <c>expr</c> and query variables' <c>query</c>.</summary>
    public static IEnumerable<string> DashboardQueries(JsonNode? node) => node switch
    {
        JsonObject map when (string?)map["type"] == "query" && map["query"] is JsonValue query => [(string)query!],
        JsonObject map => map.SelectMany(p => p.Key == "expr" && p.Value is JsonValue expr ? [(string)expr!] : DashboardQueries(p.Value)),
        JsonArray list => list.SelectMany(DashboardQueries),
        _ => [],
    };

    /// <summary>Whether a Prometheus text exposition has a sample of <paramref name="name"/> (a histogram's series by their suffixed names).</summary>
    public static bool Scraped(string exposition, string name) =>
        exposition.Split('\n').Any(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is '{' or ' ');

    /// <summary>
    /// Whether the exposition declares the family of <paramref name="name"/> (<c># TYPE</c>, for a histogram's suffixed
    /// series the histogram's), though it may hold no sample yet.
    /// </summary>
    public static bool Declared(string exposition, string name)
    {
        var family = HistogramSuffix().Replace(name, "");
        return Scraped(exposition, name) || exposition.Split('\n').Any(line =>
            line.StartsWith($"# TYPE {name} ", StringComparison.Ordinal) || line.StartsWith($"# TYPE {family} histogram", StringComparison.Ordinal));
    }

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)[^)]*\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"\$\{[^}]*\}|\$[a-zA-Z_]\w*")]
    private static partial Regex Variables();

    [GeneratedRegex(@"(?<![\w:.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
