using Broker.Api.Tests.Hosting;
using Broker.KubeStandIn;
using Broker.TestSupport.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Broker.Api.Tests.Diagnostics;

/// <summary>
/// The whole broker with tracing configured as production does (an OTLP endpoint: a loopback port where nothing
/// listens, so its exports fail quietly) and an in-memory exporter beside it, whose spans the tests read; VMs go to a
/// Kubernetes API stand-in whose fake KubeVirt controller makes them ready.
/// </summary>
public sealed class TracedBrokerFactory : BrokerApiFactory
{
    public const string Pool = "kube-traced";

    private KubeStandIn.KubeStandIn? _kube;
    private string? _kubeconfig;

    public SpanLog Spans { get; } = new();

    public KubeStandIn.KubeStandIn Kube => _kube!;

    public override async Task InitializeAsync()
    {
        _kube = await KubeStandIn.KubeStandIn.StartAsync(new KubeStandInOptions { ControllerDelay = TimeSpan.Zero, RunControllersInBackground = true });
        _kubeconfig = await StandInKubeconfig.WriteAsync(_kube);
        await base.InitializeAsync();
    }

    public override async Task DisposeFixtureAsync()
    {
        await base.DisposeFixtureAsync();
        if (_kube is not null)
        {
            await _kube.DisposeAsync();
        }

        if (_kubeconfig is not null)
        {
            File.Delete(_kubeconfig);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var settings = new Dictionary<string, string?>
        {
            ["Broker:Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Broker:Provisioning:Kubernetes:KubeconfigPath"] = _kubeconfig,
            ["Broker:Provisioning:Kubernetes:Images:debian-12"] = "docker://registry.cloud.gov.internal/images/debian:12",
            ["Broker:Provisioning:ObserveInterval"] = "00:00:00.200",
            // A pool feeding the Kubernetes backend, after the demo pools of appsettings.json (indexes 0 to 2).
            ["Broker:Capacity:Pools:3:Name"] = Pool,
            ["Broker:Capacity:Pools:3:Zones:0"] = "extranet",
            ["Broker:Capacity:Pools:3:Backend"] = "kubernetes",
            ["Broker:Capacity:Pools:3:Physical:vcpu"] = "64",
            ["Broker:Capacity:Pools:3:Physical:memory_gib"] = "256",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
    }
}
