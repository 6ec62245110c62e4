using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Selectors;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>GET of one object and LIST with label and field selectors and <c>limit</c>/<c>continue</c> paging.</summary>
internal sealed class Reads(ObjectStore store)
{
    public ApiResult Get(ApiRequest request, ObjectKey key)
    {
        var obj = store.Get(key) ?? throw Statuses.NotFound(request.Type, key.Name);
        return new ApiResult(200, obj.DeepClone().AsObject());
    }

    public ApiResult List(ApiRequest request)
    {
        var matching = Matching(request).ToList();
        var start = 0;
        if (!string.IsNullOrEmpty(request.Query.Continue))
        {
            var after = DecodeContinue(request.Query.Continue);
            start = matching.FindIndex(m => string.CompareOrdinal(SortKey(m.Key), after) > 0);
            start = start < 0 ? matching.Count : start;
        }

        var page = matching.Skip(start).Take(request.Query.Limit ?? int.MaxValue).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = store.Revision.ToString(CultureInfo.InvariantCulture) };
        var remaining = matching.Count - start - page.Count;
        if (remaining > 0)
        {
            metadata["continue"] = EncodeContinue(SortKey(page[^1].Key));
            metadata["remainingItemCount"] = remaining;
        }

        var items = new JsonArray();
        foreach (var (_, obj) in page)
        {
            var item = obj.DeepClone().AsObject();
            if (request.Type.BuiltIn)
            {
                // Typed lists of built-in kinds carry kind and apiVersion only on the list itself.
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            items.Add(item);
        }

        return new ApiResult(200, new JsonObject
        {
            ["kind"] = request.Type.Kind + "List",
            ["apiVersion"] = request.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        });
    }

    /// <summary>The objects a collection request selects, in namespace/name order.</summary>
    public IEnumerable<KeyValuePair<ObjectKey, JsonObject>> Matching(ApiRequest request)
    {
        var labels = LabelSelector.Parse(request.Query.LabelSelector);
        var fields = FieldSelector.Parse(request.Query.FieldSelector);
        return store.Scan(request.Type.Group, request.Type.Plural, request.Namespace)
            .Where(o => labels.Matches(Meta.Labels(o.Value)) && fields.Matches(o.Value))
            .OrderBy(o => SortKey(o.Key), StringComparer.Ordinal)
            .ToList();
    }

    private static string SortKey(ObjectKey key) => key.Namespace + "/" + key.Name;

    private static string EncodeContinue(string sortKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(sortKey));

    private static string DecodeContinue(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw Statuses.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
