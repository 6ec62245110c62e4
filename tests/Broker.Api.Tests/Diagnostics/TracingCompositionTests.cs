using Broker.Api.Diagnostics;
using Broker.Silo.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace Broker.Api.Tests.Diagnostics;

/// <summary>What the broker's composition registers for tracing, from its configuration alone (no host started).</summary>
public sealed class TracingCompositionTests
{
    [Fact]
    public void Without_an_otlp_endpoint_nothing_of_opentelemetry_is_registered()
    {
        var (services, provider) = Compose(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, d => d.ServiceType.Namespace?.StartsWith("OpenTelemetry", StringComparison.Ordinal) == true);
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.False(provider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Traces);
    }

    [Fact]
    public void An_otlp_endpoint_in_the_brokers_options_registers_the_tracer()
    {
        var (_, provider) = Compose(new Dictionary<string, string?> { ["Broker:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317", ["Broker:Telemetry:SampleRatio"] = "0.25" });

        Assert.NotNull(provider.GetService<TracerProvider>());
        var options = provider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        Assert.Equal(("http://127.0.0.1:4317", false, 0.25), (options.OtlpEndpoint, options.FromEnvironment, options.SampleRatio));
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    public void OpenTelemetrys_own_endpoint_variable_turns_tracing_on_too(string variable)
    {
        var (_, provider) = Compose(new Dictionary<string, string?> { [variable] = "http://collector.observability:4317" });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.True(provider.GetRequiredService<IOptions<TelemetryOptions>>().Value.FromEnvironment);
    }

    [Fact]
    public void A_bad_endpoint_and_a_ratio_outside_0_to_1_are_refused_at_start_both_at_once()
    {
        var (_, provider) = Compose(new Dictionary<string, string?> { ["Broker:Telemetry:OtlpEndpoint"] = "collector:4317", ["Broker:Telemetry:SampleRatio"] = "1.5" });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains("Broker:Telemetry:OtlpEndpoint", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Broker:Telemetry:SampleRatio", StringComparison.Ordinal));
    }

    /// <summary>The tracing part of the composition on an empty host (no environment variables of this machine).</summary>
    private static (IServiceCollection Services, IServiceProvider Provider) Compose(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddBrokerTracing();
        return (builder.Services, builder.Services.BuildServiceProvider());
    }
}
