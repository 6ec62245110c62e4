using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Broker.KubeStandIn.Api;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Selectors;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Http;

/// <summary>
/// One watch: the events to send as JSON lines. Without a resourceVersion (or with "0") it starts with an ADDED
/// event per existing object, as real servers do; with one it replays the retained history after it, or sends a
/// single ERROR event with 410 Expired when that history is gone. With selectors, an object that starts or stops
/// matching is sent as ADDED or DELETED, as real watches do. Open it under the store's gate.
/// </summary>
internal sealed class WatchSession : IDisposable
{
    private readonly ObjectStore store;
    private readonly ApiRequest request;
    private readonly LabelSelector labels;
    private readonly FieldSelector fields;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSession(ObjectStore store, ApiRequest request)
    {
        this.store = store;
        this.request = request;
        labels = LabelSelector.Parse(request.Query.LabelSelector);
        fields = FieldSelector.Parse(request.Query.FieldSelector);
        var from = request.Query.ResourceVersion;
        if (string.IsNullOrEmpty(from) || from == "0")
        {
            foreach (var (key, obj) in store.Scan(request.Type.Group, request.Type.Plural, request.Namespace).OrderBy(o => o.Key.Namespace + "/" + o.Key.Name, StringComparer.Ordinal))
            {
                if (Matches(obj) && (request.Name is null || key.Name == request.Name))
                {
                    Send("ADDED", obj);
                }
            }
        }
        else
        {
            if (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                throw Statuses.BadRequest($"invalid resource version \"{from}\"");
            }

            if (revision < store.OldestResumable)
            {
                var expired = Statuses.Expired($"too old resource version: {revision} ({store.OldestResumable + 1})").Status;
                lines.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = expired }.ToJsonString());
                lines.Writer.TryComplete();
                return;
            }

            foreach (var change in store.EventsAfter(revision))
            {
                OnCommitted(change);
            }
        }

        store.Committed += OnCommitted;
    }

    public ChannelReader<string> Lines => lines.Reader;

    /// <summary>Stops listening; call under the store's gate.</summary>
    public void Dispose()
    {
        store.Committed -= OnCommitted;
        lines.Writer.TryComplete();
    }

    private void OnCommitted(StoreEvent change)
    {
        var key = change.Key;
        if (key.Group != request.Type.Group || key.Plural != request.Type.Plural
            || (request.Namespace is not null && key.Namespace != request.Namespace)
            || (request.Name is not null && key.Name != request.Name))
        {
            return;
        }

        var now = Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        var type = change.Type switch
        {
            WatchEventType.Added when now => "ADDED",
            WatchEventType.Modified when now && before => "MODIFIED",
            WatchEventType.Modified when now => "ADDED",
            WatchEventType.Modified when before => "DELETED",
            WatchEventType.Deleted when now => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            Send(type, change.Object);
        }
    }

    private bool Matches(JsonObject obj) => labels.Matches(Meta.Labels(obj)) && fields.Matches(obj);

    private void Send(string type, JsonObject obj) =>
        lines.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString());
}
