using Microsoft.Extensions.Configuration;

namespace Broker.Silo.Diagnostics;

/// <summary>
/// Tracing (docs/observability.md): on only when an OTLP endpoint is configured, here or in OpenTelemetry's own
/// variables; otherwise nothing is registered, nothing listens, and the broker pays nothing for it.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Broker:Telemetry";

    /// <summary>OpenTelemetry's standard variables, read when <see cref="OtlpEndpoint"/> is not set (the exporter reads them too).</summary>
    public static readonly string[] EndpointVariables = ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    /// <summary>
    /// Where spans go: an OTLP collector, <c>http://collector:4317</c> for gRPC (the default protocol), or the full
    /// <c>…/v1/traces</c> URL with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>. Empty: taken from
    /// <see cref="EndpointVariables"/>; empty there too: tracing is off.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Whether <see cref="OtlpEndpoint"/> came from <see cref="EndpointVariables"/>, which the exporter then reads itself.</summary>
    public bool FromEnvironment { get; private set; }

    /// <summary>
    /// The share of traces kept, 0 to 1 (default 1: every order). Decided once where a trace starts (an HTTP request, or
    /// a hand-off resumed by the sweeper); every span below follows that decision, so a trace is whole or absent.
    /// </summary>
    public double SampleRatio { get; set; } = 1.0;

    public bool Traces => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    public static TelemetryOptions From(IConfiguration configuration) => new TelemetryOptions().Load(configuration);

    /// <summary>Binds <see cref="SectionName"/>, then falls back to the standard variables for the endpoint.</summary>
    public TelemetryOptions Load(IConfiguration configuration)
    {
        configuration.GetSection(SectionName).Bind(this);
        if (string.IsNullOrWhiteSpace(OtlpEndpoint) && EndpointVariables.Select(v => configuration[v]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } standard)
        {
            OtlpEndpoint = standard;
            FromEnvironment = true;
        }

        return this;
    }
}
