namespace Broker.Api.Hosting;

/// <summary>The port a <c>silo</c> process answers probes and scrapes on (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>).</summary>
public sealed class ManagementOptions
{
    public const string SectionName = "Broker:Management";

    public int Port { get; set; } = 8081;
}
