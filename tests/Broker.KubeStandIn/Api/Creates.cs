using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Patching;
using Broker.KubeStandIn.Storage;

namespace Broker.KubeStandIn.Api;

/// <summary>POST: admission checks in the API server's order, then the write.</summary>
internal sealed class Creates(ObjectStore store, ObjectWriter writer)
{
    public ApiResult Create(ApiRequest request)
    {
        var obj = Bodies.Object(request.Body);
        var metadata = Meta.Of(obj);
        Validation.CheckTypeMeta(request, obj, Meta.Name(obj));
        if (!string.IsNullOrEmpty(Meta.ResourceVersion(obj)))
        {
            throw Statuses.BadRequest("resourceVersion should not be set on objects to be created");
        }

        if (string.IsNullOrEmpty(Meta.Name(obj)) && Meta.Str(obj, "generateName") is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + RandomSuffix();
        }

        var created = Admit(request, obj, new Ownership(request.Manager, request.ApiVersion, FieldScope.WholeObject));
        return new ApiResult(201, created.DeepClone().AsObject());
    }

    /// <summary>Checks and stores a new object (also the first apply of an absent one).</summary>
    public JsonObject Admit(ApiRequest request, JsonObject obj, Ownership ownership)
    {
        var type = request.Type;
        var metadata = Meta.Of(obj);
        var bodyNamespace = Meta.Namespace(obj);
        if (type.Namespaced)
        {
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
            {
                throw Statuses.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = request.Namespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        Validation.CheckObject(type, obj);
        var name = Meta.Name(obj);
        if (type.Namespaced)
        {
            var ns = store.Get(new ObjectKey(string.Empty, "namespaces", string.Empty, request.Namespace!))
                ?? throw Statuses.NamespaceNotFound(request.Namespace!);
            if (Meta.IsDeleting(ns))
            {
                throw Statuses.Forbidden(type, name, $"unable to create new content in namespace {request.Namespace} because it is being terminated");
            }
        }

        var key = new ObjectKey(type.Group, type.Plural, request.Namespace ?? string.Empty, name);
        if (store.Get(key) is not null)
        {
            throw Statuses.AlreadyExists(type, name);
        }

        if (type.HasStatusSubresource)
        {
            // Status is written through /status; a create cannot set it.
            obj.Remove("status");
        }

        return writer.Create(type, key, obj, ownership, request.Query.DryRun);
    }

    // generateName gets five characters from the API server's alphabet (no vowels, no confusable digits).
    private static string RandomSuffix()
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }
}
