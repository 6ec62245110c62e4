using Broker.Silo.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Broker.Api.Diagnostics;

/// <summary>
/// OpenTelemetry traces (docs/observability.md): one order is one trace, from the HTTP request through the grain
/// calls, PostgreSQL commands and Kubernetes API calls to the hand-off that runs after the answer. Exported over OTLP
/// when an endpoint is configured (<see cref="TelemetryOptions"/>); otherwise nothing is registered at all.
/// </summary>
public static class BrokerTracing
{
    /// <summary>Orleans' sources for grain calls: the runtime's own (system targets) and the application's grains.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Paths probed and scraped every few seconds: never a trace of their own.</summary>
    private static readonly string[] Untraced = ["/healthz", "/readyz", "/metrics"];

    public static IHostApplicationBuilder AddBrokerTracing(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TelemetryOptions>().Configure(o => o.Load(configuration)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        var options = TelemetryOptions.From(configuration);
        if (!options.Traces)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(configuration["OTEL_SERVICE_NAME"] ?? "broker", serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("broker.role", configuration["Broker:Role"] ?? "all")]))
            .WithTracing(tracing => tracing
                .AddBrokerSources()
                .AddOtlpExporter(otlp => ConfigureExporter(otlp, options)));
        return builder;
    }

    /// <summary>
    /// What is traced and how traces are sampled, whatever the exporter (a test adds an in-memory one). The sampler is
    /// made from the validated options, so a bad ratio is refused by name at start rather than thrown here.
    /// </summary>
    private static TracerProviderBuilder AddBrokerSources(this TracerProviderBuilder tracing) => tracing
        .SetSampler(sp => new ParentBasedSampler(new BrokerRootSampler(sp.GetRequiredService<IOptions<TelemetryOptions>>().Value.SampleRatio)))
        .AddAspNetCoreInstrumentation(o => o.Filter = context => !Untraced.Any(p => context.Request.Path.StartsWithSegments(p)))
        // HttpClient's spans: the Kubernetes API calls (KubernetesClient sends through HttpClient and SocketsHttpHandler).
        .AddHttpClientInstrumentation()
        .AddNpgsql()
        .AddSource(OrleansSources)
        .AddSource(BrokerActivities.SourceName);

    private static void ConfigureExporter(OtlpExporterOptions otlp, TelemetryOptions options)
    {
        // From the standard variables the exporter reads the endpoint (and protocol) itself; ours is used as given.
        if (!options.FromEnvironment && Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            otlp.Endpoint = endpoint;
        }
    }
}
