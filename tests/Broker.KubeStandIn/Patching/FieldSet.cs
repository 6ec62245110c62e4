using System.Text.Json.Nodes;

namespace Broker.KubeStandIn.Patching;

/// <summary>
/// A set of leaf field paths in the notation of <c>managedFields[].fieldsV1</c>: each segment is <c>f:name</c> for an
/// object field, or <c>v:json</c> for an element of a set-like list. Lists are atomic (a list is one leaf) except
/// <c>metadata.finalizers</c>, which is a set as in Kubernetes.
/// </summary>
internal sealed class FieldSet
{
    private const char Separator = '\u001f';

    private static readonly HashSet<string> ServerMetadata =
    [
        "f:name", "f:namespace", "f:uid", "f:resourceVersion", "f:generation", "f:creationTimestamp",
        "f:deletionTimestamp", "f:deletionGracePeriodSeconds", "f:managedFields", "f:selfLink", "f:generateName",
    ];

    private readonly HashSet<string> paths;

    private FieldSet(IEnumerable<string> paths) => this.paths = new HashSet<string>(paths, StringComparer.Ordinal);

    public static FieldSet Empty => new([]);

    public static FieldSet From(IEnumerable<IReadOnlyList<string>> paths) => new(paths.Select(p => string.Join(Separator, p)));

    public int Count => paths.Count;

    public IEnumerable<IReadOnlyList<string>> Paths => paths.Select(p => (IReadOnlyList<string>)p.Split(Separator));

    /// <summary>The leaves an object sets within <paramref name="scope"/>.</summary>
    public static FieldSet Of(JsonObject obj, FieldScope scope)
    {
        var found = new List<string>();
        Collect(obj, [], scope, found);
        return new FieldSet(found);
    }

    /// <summary>The leaves recorded in a <c>fieldsV1</c> tree.</summary>
    public static FieldSet FromFieldsV1(JsonNode? node)
    {
        var found = new List<string>();
        Walk(node as JsonObject, [], found);
        return new FieldSet(found);

        static void Walk(JsonObject? tree, List<string> prefix, List<string> into)
        {
            foreach (var (key, child) in tree ?? [])
            {
                var path = new List<string>(prefix) { key };
                if (child is JsonObject { Count: > 0 } inner)
                {
                    Walk(inner, path, into);
                }
                else
                {
                    into.Add(string.Join(Separator, path));
                }
            }
        }
    }

    /// <summary>The leaves of <paramref name="next"/> whose value differs from <paramref name="current"/>'s.</summary>
    public static FieldSet Changed(JsonObject? current, JsonObject next, FieldScope scope) =>
        new(Of(next, scope).paths.Where(p => current is null || !SameValue(current, next, p.Split(Separator))));

    public bool Contains(IReadOnlyList<string> path) => paths.Contains(string.Join(Separator, path));

    public FieldSet Union(FieldSet other) => new(paths.Union(other.paths));

    public FieldSet Except(FieldSet other) => new(paths.Except(other.paths));

    public bool SetEquals(FieldSet other) => paths.SetEquals(other.paths);

    /// <summary>The nested <c>fieldsV1</c> form, with leaves as empty objects.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                if (node[segment] is not JsonObject child)
                {
                    child = [];
                    node[segment] = child;
                }

                node = child;
            }
        }

        return root;
    }

    /// <summary>A path as conflict messages print it: <c>.spec.replicas</c>.</summary>
    public static string Display(IReadOnlyList<string> path) =>
        string.Concat(path.Select(s => s.StartsWith("v:", StringComparison.Ordinal) ? $"[{s[2..]}]" : "." + s[2..]));

    /// <summary>The value at a path, if the object has it (for a set element: the element itself).</summary>
    public static bool TryGet(JsonObject obj, IReadOnlyList<string> path, out JsonNode? value)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            if (segment.StartsWith("v:", StringComparison.Ordinal) && node is JsonArray array)
            {
                var element = JsonNode.Parse(segment[2..]);
                node = array.FirstOrDefault(e => JsonNode.DeepEquals(e, element));
                if (node is null)
                {
                    value = null;
                    return false;
                }

                continue;
            }

            if (node is not JsonObject current || !current.TryGetPropertyValue(segment[2..], out node))
            {
                value = null;
                return false;
            }
        }

        value = node;
        return true;
    }

    /// <summary>Removes the leaf at a path, if present.</summary>
    public static void Remove(JsonObject obj, IReadOnlyList<string> path)
    {
        if (!TryGet(obj, path.Take(path.Count - 1).ToList(), out var parent))
        {
            return;
        }

        var last = path[^1];
        if (last.StartsWith("v:", StringComparison.Ordinal) && parent is JsonArray array)
        {
            var element = JsonNode.Parse(last[2..]);
            var found = array.FirstOrDefault(e => JsonNode.DeepEquals(e, element));
            if (found is not null)
            {
                array.Remove(found);
            }
        }
        else if (parent is JsonObject owner)
        {
            owner.Remove(last[2..]);
        }
    }

    public static bool IsSetList(IReadOnlyList<string> path) => path is ["f:metadata", "f:finalizers"];

    private static bool SameValue(JsonObject a, JsonObject b, IReadOnlyList<string> path) =>
        TryGet(a, path, out var left) && TryGet(b, path, out var right) && JsonNode.DeepEquals(left, right);

    private static void Collect(JsonObject obj, List<string> prefix, FieldScope scope, List<string> into)
    {
        foreach (var (key, value) in obj)
        {
            var segment = "f:" + key;
            var path = new List<string>(prefix) { segment };
            if (IsExcluded(path, scope))
            {
                continue;
            }

            if (value is JsonObject { Count: > 0 } child)
            {
                Collect(child, path, scope, into);
            }
            else if (value is JsonArray array && IsSetList(path))
            {
                into.AddRange(array.Select(e => string.Join(Separator, path.Append("v:" + (e?.ToJsonString() ?? "null")))));
            }
            else
            {
                into.Add(string.Join(Separator, path));
            }
        }
    }

    public static bool IsExcluded(IReadOnlyList<string> path, FieldScope scope) => path switch
    {
        ["f:apiVersion"] or ["f:kind"] => true,
        ["f:metadata", var field] => ServerMetadata.Contains(field) || scope == FieldScope.Status,
        ["f:status"] => scope == FieldScope.MainResource,
        [var top] => scope == FieldScope.Status && top != "f:status",
        _ => false,
    };
}
