namespace Broker.KubeStandIn.Requests;

/// <summary>One answered request.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="StatusCode">The HTTP status answered (200 for a watch that started).</param>
/// <param name="Injected">True when the answer came from the fault injector.</param>
public sealed record LoggedRequest(StandInRequest Request, int StatusCode, bool Injected)
{
    public string Method => Request.Method;

    public string Path => Request.Path;

    public string? ContentType => Request.ContentType;

    public string Verb => Request.Verb;

    public override string ToString() => $"{Method} {Path}{Request.Query} -> {StatusCode}{(Injected ? " (injected)" : string.Empty)}";
}
