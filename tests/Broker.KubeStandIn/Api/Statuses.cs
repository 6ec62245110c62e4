using System.Text.Json.Nodes;
using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn.Api;

/// <summary>
/// The <c>Status</c> bodies a real API server sends, with its messages and reasons word for word where clients or
/// people match on them (<c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>, ...).
/// </summary>
internal static class Statuses
{
    public static ApiException NotFound(ResourceType type, string name) =>
        Failure(404, "NotFound", $"{type.QualifiedResource} \"{name}\" not found", Details(name, type.Group, type.Plural));

    public static ApiException NamespaceNotFound(string ns) =>
        Failure(404, "NotFound", $"namespaces \"{ns}\" not found", Details(ns, string.Empty, "namespaces"));

    public static ApiException PathNotFound() =>
        Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        Failure(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists", Details(name, type.Group, type.Plural));

    public static ApiException Conflict(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Conflict(ResourceType type, string name, string why) =>
        Failure(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {why}", Details(name, type.Group, type.Plural));

    public static ApiException ApplyConflict(ResourceType type, string name, IReadOnlyList<(string Manager, string Field)> conflicts)
    {
        var noun = conflicts.Count == 1 ? "conflict" : "conflicts";
        var lines = conflicts.Select(c => $"conflict with \"{c.Manager}\" using {type.ApiVersion}: {c.Field}");
        var message = $"Apply failed with {conflicts.Count} {noun}: {string.Join("\n", lines)}";
        var details = Details(name, type.Group, type.Plural);
        details["causes"] = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {type.ApiVersion}",
            ["field"] = c.Field,
        })]);
        return Failure(409, "Conflict", message, details);
    }

    public static ApiException Invalid(ResourceType type, string name, params StatusCause[] causes) =>
        Invalid(type.QualifiedKind, type.Group, type.Kind, name, causes);

    public static ApiException Invalid(string qualifiedKind, string group, string kind, string name, params StatusCause[] causes)
    {
        var parts = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var what = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        var details = Details(name, group, kind);
        details["causes"] = new JsonArray([.. causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = c.Reason,
            ["message"] = c.Message,
            ["field"] = c.Field,
        })]);
        return Failure(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {what}", details);
    }

    public static ApiException Forbidden(ResourceType type, string name, string why) =>
        Failure(403, "Forbidden", $"{type.QualifiedResource} \"{name}\" is forbidden: {why}", Details(name, type.Group, type.Plural));

    public static ApiException BadRequest(string message) => Failure(400, "BadRequest", message, null);

    public static ApiException MethodNotAllowed() =>
        Failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static ApiException UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})", null);

    public static ApiException Expired(string message) => Failure(410, "Expired", message, null);

    /// <summary>The Status for an injected or otherwise generic failure with the reason real servers pair with the code.</summary>
    public static ApiException ForCode(int code, string? message)
    {
        var reason = code switch
        {
            400 => "BadRequest",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            409 => "Conflict",
            410 => "Expired",
            415 => "UnsupportedMediaType",
            422 => "Invalid",
            429 => "TooManyRequests",
            500 => "InternalError",
            503 => "ServiceUnavailable",
            504 => "Timeout",
            _ => "Unknown",
        };
        var details = code == 429 ? new JsonObject { ["retryAfterSeconds"] = 1 } : null;
        return Failure(code, reason, message ?? $"injected failure ({code} {reason})", details);
    }

    /// <summary>A successful delete of a built-in kind answers this rather than the object.</summary>
    public static JsonObject Success(ResourceType type, string name, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = WithUid(Details(name, type.Group, type.Plural), uid),
    };

    private static JsonObject WithUid(JsonObject details, string uid)
    {
        details["uid"] = uid;
        return details;
    }

    private static JsonObject Details(string name, string group, string kind)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        return details;
    }

    private static ApiException Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return new ApiException(status);
    }
}
