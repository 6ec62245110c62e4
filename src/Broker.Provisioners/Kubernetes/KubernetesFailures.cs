using System.Net;
using Broker.Provisioners.Contract;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Turns API and network failures into the contract's <see cref="ProvisionerException"/>.</summary>
internal static class KubernetesFailures
{
    /// <summary>
    /// 400, 403 and 422 mean the request itself (or the broker's rights) is wrong and retrying cannot help: permanent,
    /// with the API server's own message (it names fields, never secret values). Everything else the server answers
    /// (409 conflicts, 429 throttling, 5xx) and network failures are transient: the caller retries with backoff.
    /// </summary>
    public static ProvisionerException From(Exception exception, string operation, string resourceId)
    {
        if (exception is HttpOperationException http)
        {
            var code = (int)http.Response.StatusCode;
            var permanent = code is 400 or 403 or 422;
            return new ProvisionerException(
                $"Kubernetes: {operation} of '{resourceId}' failed with {code}: {StatusMessage(http)}", permanent, exception);
        }

        return new ProvisionerException(
            $"Kubernetes: {operation} of '{resourceId}' failed: the API server could not be reached or did not answer in time ({exception.GetType().Name}).",
            permanent: false,
            exception);
    }

    /// <summary>Failures this class translates; anything else (a bug) propagates as is.</summary>
    public static bool IsApiFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpOperationException => true,
        HttpRequestException or IOException or TimeoutException => true,
        // A timeout of the HTTP client, not the caller giving up.
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    public static bool IsNotFound(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    public static int StatusCode(Exception exception) =>
        exception is HttpOperationException http ? (int)http.Response.StatusCode : 0;

    private static string StatusMessage(HttpOperationException exception)
    {
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(exception.Response.Content);
            if (!string.IsNullOrWhiteSpace(status?.Message))
            {
                return status.Message;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status body (a proxy's error page): fall back to the reason phrase.
        }

        return exception.Response.ReasonPhrase ?? exception.Message;
    }
}
