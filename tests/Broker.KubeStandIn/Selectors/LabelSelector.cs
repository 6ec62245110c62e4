using System.Text.RegularExpressions;
using Broker.KubeStandIn.Api;

namespace Broker.KubeStandIn.Selectors;

/// <summary>
/// The <c>labelSelector</c> query syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x,y)</c>,
/// <c>a</c>, <c>!a</c>, joined by commas (all must hold).
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r.Matches(labels));

    /// <summary>Parses the query value; a malformed selector is a 400, as on a real server.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        return new LabelSelector([.. SplitTerms(text).Select(ParseTerm)]);
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static LabelRequirement ParseTerm(string raw)
    {
        var term = raw.Trim();
        if (SetTerm().Match(term) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            var op = set.Groups["op"].Value == "in" ? LabelOperator.In : LabelOperator.NotIn;
            return new LabelRequirement(CheckKey(set.Groups["key"].Value, raw), op, values);
        }

        if (EqualityTerm().Match(term) is { Success: true } equality)
        {
            var op = equality.Groups["op"].Value == "!=" ? LabelOperator.NotEquals : LabelOperator.Equals;
            return new LabelRequirement(CheckKey(equality.Groups["key"].Value, raw), op, [equality.Groups["value"].Value]);
        }

        if (term.StartsWith('!'))
        {
            return new LabelRequirement(CheckKey(term[1..].Trim(), raw), LabelOperator.DoesNotExist, []);
        }

        return new LabelRequirement(CheckKey(term, raw), LabelOperator.Exists, []);
    }

    private static string CheckKey(string key, string term) =>
        LabelKey().IsMatch(key) ? key : throw Statuses.BadRequest($"unable to parse requirement: invalid label key in \"{term.Trim()}\"");

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s*(?<op>==|!=|=)\s*(?<value>[^\s!=(),]*)$")]
    private static partial Regex EqualityTerm();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();
}
