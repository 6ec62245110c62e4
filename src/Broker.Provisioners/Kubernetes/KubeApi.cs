using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.Kubernetes;

/// <summary>
/// The client and the one place API failures become <see cref="Contract.ProvisionerException"/>s, shared by the
/// provisioner's parts so that every call is translated and logged the same way.
/// </summary>
internal sealed class KubeApi(IKubernetes client, ILogger logger)
{
    public IKubernetes Client => client;

    public ILogger Logger => logger;

    public static V1Patch Apply(object body) => new(body, V1Patch.PatchType.ApplyPatch);

    public async Task<T> CallAsync<T>(string operation, string resourceId, CancellationToken cancellationToken, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KubernetesFailures.IsApiFailure(e, cancellationToken))
        {
            var failure = KubernetesFailures.From(e, operation, resourceId);
            KubernetesLog.CallFailed(logger, operation, resourceId, KubernetesFailures.StatusCode(e), failure.Permanent);
            throw failure;
        }
    }

    /// <summary>The custom object, or null on 404.</summary>
    public Task<object?> GetCustomAsync(string resourceId, string group, string version, string ns, string plural, string name, CancellationToken cancellationToken) =>
        CallAsync("read", resourceId, cancellationToken, () => OrNullAsync<object>(() => client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, name, cancellationToken)));

    /// <summary>The call's answer, or null when the object does not exist.</summary>
    public static async Task<T?> OrNullAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KubernetesFailures.IsNotFound(e))
        {
            return null;
        }
    }

    public static async Task IgnoreNotFound(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (KubernetesFailures.IsNotFound(e))
        {
            // Already gone: delete is idempotent.
        }
    }

    /// <summary>The namespace of a list's first item; null for an empty list.</summary>
    public static string? FirstItemNamespace(object list)
    {
        var element = list is JsonElement json ? json : JsonSerializer.SerializeToElement(list);
        if (!element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            return null;
        }

        return items[0].GetProperty("metadata").TryGetProperty("namespace", out var ns) ? ns.GetString() : null;
    }

    /// <summary>The value of label <paramref name="label"/> on the first item of a custom object list, or null.</summary>
    public static string? FirstItemLabel(object list, string label)
    {
        var element = list is JsonElement json ? json : JsonSerializer.SerializeToElement(list);
        return element.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0
            && items[0].GetProperty("metadata").TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object
            && labels.TryGetProperty(label, out var value)
                ? value.GetString()
                : null;
    }
}
