using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.Kubernetes;

/// <summary>What the Kubernetes provisioner tells operators. Names and ids only: never a secret's content.</summary>
internal static partial class KubernetesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Kind} {Namespace}/{Name} for resource {ResourceId}")]
    public static partial void Applied(ILogger logger, string kind, string @namespace, string name, string resourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting {Kind} {Namespace}/{Name} of resource {ResourceId} and everything labelled with it")]
    public static partial void Deleting(ILogger logger, string kind, string @namespace, string name, string resourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes API call {Operation} for resource {ResourceId} failed with {StatusCode}; permanent: {Permanent}")]
    public static partial void CallFailed(ILogger logger, string operation, string resourceId, int statusCode, bool permanent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Namespace {Namespace}: wrote {Count} object(s) that were missing or differed")]
    public static partial void NamespaceReconciled(ILogger logger, string @namespace, int count);
}
