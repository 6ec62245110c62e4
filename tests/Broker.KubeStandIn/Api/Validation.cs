using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Broker.KubeStandIn.Json;
using Broker.KubeStandIn.Resources;

namespace Broker.KubeStandIn.Api;

/// <summary>The validations every write goes through, with the API server's messages.</summary>
internal static partial class Validation
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Rfc1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string QualifiedNameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>
    /// Checks <c>kind</c> and <c>apiVersion</c> against the URL. Built-in kinds accept a body without them (the
    /// server's decoder fills them in); custom resources require them, as the CRD validator does.
    /// </summary>
    public static void CheckTypeMeta(ApiRequest request, JsonObject obj, string name)
    {
        var type = request.Type;
        var kind = (string?)obj["kind"];
        var apiVersion = (string?)obj["apiVersion"];
        if (type.BuiltIn && string.IsNullOrEmpty(kind) && string.IsNullOrEmpty(apiVersion))
        {
            obj["kind"] = type.Kind;
            obj["apiVersion"] = request.ApiVersion;
            return;
        }

        var causes = new List<StatusCause>();
        if (kind != type.Kind)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{kind}\": must be {type.Kind}", "kind"));
        }

        if (apiVersion != request.ApiVersion)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{apiVersion}\": must be {request.ApiVersion}", "apiVersion"));
        }

        if (causes.Count > 0)
        {
            throw Statuses.Invalid(type, name, [.. causes]);
        }
    }

    /// <summary>Name and label checks of a create or update.</summary>
    public static void CheckObject(ResourceType type, JsonObject obj)
    {
        var name = Meta.Name(obj);
        var causes = new List<StatusCause>();
        if (name.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
        else if (NameProblem(type.NameRule, name) is { } problem)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": {problem}", "metadata.name"));
        }

        foreach (var (key, value) in Meta.Labels(obj))
        {
            if (!QualifiedName().IsMatch(key.Split('/')[^1]) || key.Split('/')[^1].Length > 63)
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{key}\": {QualifiedNameMessage}", "metadata.labels"));
            }

            if (value.Length > 63 || !LabelValue().IsMatch(value))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{value}\": {LabelValueMessage}", $"metadata.labels"));
            }
        }

        if (causes.Count > 0)
        {
            throw Statuses.Invalid(type, name, [.. causes]);
        }
    }

    private static string? NameProblem(NameRule rule, string name) => rule switch
    {
        NameRule.Label when name.Length > 63 => "must be no more than 63 characters",
        NameRule.Label when !Label().IsMatch(name) => LabelMessage,
        NameRule.Rfc1035Label when name.Length > 63 => "must be no more than 63 characters",
        NameRule.Rfc1035Label when !Rfc1035().IsMatch(name) => Rfc1035Message,
        NameRule.Subdomain when name.Length > 253 => "must be no more than 253 characters",
        NameRule.Subdomain when !Subdomain().IsMatch(name) => SubdomainMessage,
        _ => null,
    };

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Rfc1035();

    [GeneratedRegex(@"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
}
