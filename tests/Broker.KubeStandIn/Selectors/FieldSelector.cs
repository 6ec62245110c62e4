using System.Text.Json.Nodes;
using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Json;

namespace Broker.KubeStandIn.Selectors;

/// <summary>
/// The <c>fieldSelector</c> query: <c>metadata.name</c> and <c>metadata.namespace</c> with <c>=</c>, <c>==</c> or
/// <c>!=</c>, the fields every kind supports. Other fields are refused with 400, as custom resources do.
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> terms;

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => this.terms = terms;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector([]);
        }

        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (op, at) = term.Contains("!=", StringComparison.Ordinal) ? ("!=", term.IndexOf("!=", StringComparison.Ordinal))
                : term.Contains("==", StringComparison.Ordinal) ? ("==", term.IndexOf("==", StringComparison.Ordinal))
                : ("=", term.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw Statuses.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }

            var field = term[..at].Trim();
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                throw Statuses.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }

            terms.Add((field, op != "!=", term[(at + op.Length)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => terms.All(t =>
    {
        var actual = (t.Field == "metadata.name" ? Meta.Name(obj) : Meta.Namespace(obj)) ?? string.Empty;
        return string.Equals(actual, t.Value, StringComparison.Ordinal) == t.Equal;
    });
}
