namespace Broker.Api.Http;

/// <summary>
/// The bounds every request meets before a handler sees it (docs/security.md, "Requests and the web server's own
/// answers"). Above a bound the broker answers 413 or 414 problem+json and reads no further.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Broker:Requests";

    /// <summary>Largest request body, in bytes, for every endpoint but uploads: every JSON body is far below it.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body, in bytes, for upload endpoints (usage imports).</summary>
    public long MaxUploadBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Longest request target (path and query, as sent, percent-encoded) the broker answers. Kestrel's request line
    /// limit is set to twice this, so a target between the two gets the broker's 414 problem+json, and only a longer
    /// one Kestrel's bare 414.
    /// </summary>
    public int MaxUrlLength { get; set; } = 4096;

    /// <summary>Longest value of one path parameter (an id or a code); the longest id the broker issues is 200.</summary>
    public int MaxRouteValueLength { get; set; } = 200;
}
