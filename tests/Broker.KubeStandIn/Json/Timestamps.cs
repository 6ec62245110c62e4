using System.Globalization;

namespace Broker.KubeStandIn.Json;

/// <summary>Kubernetes writes times as RFC 3339 in UTC with whole seconds (<c>2026-01-02T03:04:05Z</c>).</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
