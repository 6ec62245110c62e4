using Broker.Provisioners.Kubernetes.Manifests;

namespace Broker.Provisioners.Kubernetes;

/// <summary>Turns a configured image URL into the CDI source kind that imports it.</summary>
internal static class ImageSource
{
    /// <summary>The source, or null when the URL is neither a registry nor an HTTP(S) URL.</summary>
    public static DataVolumeSource? From(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return null;
        }

        return uri.Scheme switch
        {
            "docker" => new DataVolumeSource(Registry: new UrlSource(url!)),
            "http" or "https" => new DataVolumeSource(Http: new UrlSource(url!)),
            _ => null,
        };
    }
}
