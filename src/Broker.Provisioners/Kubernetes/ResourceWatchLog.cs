using Microsoft.Extensions.Logging;

namespace Broker.Provisioners.Kubernetes;

/// <summary>What the resource watch tells operators.</summary>
internal static partial class ResourceWatchLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Plural} failed; listing again in {Backoff}")]
    public static partial void Failed(ILogger logger, Exception exception, string plural, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Listed {Count} broker {Plural}; watching from resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string plural, int count, string resourceVersion);
}
