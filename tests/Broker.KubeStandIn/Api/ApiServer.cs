using System.Text.Json.Nodes;
using Broker.KubeStandIn.Resources;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// The API semantics without HTTP: resolves the resource a request addresses and runs the verb. Callers hold the
/// store's gate for the whole call, so each request is atomic.
/// </summary>
internal sealed class ApiServer
{
    private readonly ObjectStore store;
    private readonly Reads reads;
    private readonly Creates creates;
    private readonly Updates updates;
    private readonly Applies applies;
    private readonly Deletes deletes;

    public ApiServer(ObjectStore store, ResourceCatalog catalog, TimeProvider clock)
    {
        this.store = store;
        Catalog = catalog;
        Writer = new ObjectWriter(store, new Defaulter(), clock);
        Deleter = new Deleter(store, catalog, clock);
        Writer.Deleter = Deleter;
        reads = new Reads(store);
        creates = new Creates(store, Writer);
        updates = new Updates(store, Writer);
        applies = new Applies(store, Writer, creates);
        deletes = new Deletes(store, Deleter, reads);
    }

    public ResourceCatalog Catalog { get; }

    public ObjectWriter Writer { get; }

    public Deleter Deleter { get; }

    /// <summary>Runs one request; failures come back as their Status, as on the wire.</summary>
    public ApiResult Handle(string verb, RequestTarget target, QueryOptions query, string? contentType, string body, string defaultManager)
    {
        try
        {
            return Run(verb, Resolve(target, query, contentType, body, defaultManager));
        }
        catch (ApiException e)
        {
            return new ApiResult(e.Code, e.Status);
        }
    }

    /// <summary>Builds the request for a routed URL, or fails with 404 when the URL does not fit the resource's scope.</summary>
    public ApiRequest Resolve(RequestTarget target, QueryOptions query, string? contentType, string body, string defaultManager)
    {
        var type = Catalog.Resolve(target.Group, target.Version, target.Plural, target.Namespace is not null, Bodies.PeekKind(body));
        var namespacedUrl = target.Namespace is not null;
        var clusterWideList = type.Namespaced && !namespacedUrl && target.Name is null;
        if (type.Namespaced != namespacedUrl && !clusterWideList)
        {
            throw Statuses.PathNotFound();
        }

        if (target.Subresource is not null && (target.Subresource != "status" || !type.HasStatusSubresource))
        {
            throw Statuses.PathNotFound();
        }

        return new ApiRequest(type, target.Version, target.Namespace, target.Name, target.Subresource, query, contentType, body, defaultManager);
    }

    private ApiResult Run(string verb, ApiRequest request)
    {
        var key = new ObjectKey(request.Type.Group, request.Type.Plural, request.Namespace ?? string.Empty, request.Name ?? string.Empty);
        return verb switch
        {
            "get" => reads.Get(request, key),
            "list" => reads.List(request),
            "create" when request.Name is null && (request.Namespace is not null || !request.Type.Namespaced) => creates.Create(request),
            "update" => updates.Replace(request, key),
            "patch" when request.ContentType == "application/apply-patch+yaml" => applies.Apply(request, key),
            "patch" => updates.Patch(request, key),
            "delete" when request.Subresource is null => deletes.Delete(request, key),
            "deletecollection" when request.Namespace is not null || !request.Type.Namespaced => deletes.DeleteCollection(request),
            _ => throw Statuses.MethodNotAllowed(),
        };
    }

    /// <summary>A copy of a stored object, for in-process helpers.</summary>
    public JsonObject? Peek(ObjectKey key) => store.Get(key)?.DeepClone().AsObject();
}
