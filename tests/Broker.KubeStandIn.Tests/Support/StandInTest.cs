using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace Broker.KubeStandIn.Tests.Support;

/// <summary>A fresh stand-in per test on a fake clock, and the real KubernetesClient pointed at it.</summary>
public abstract class StandInTest : IAsyncLifetime
{
    protected static readonly TimeSpan ControllerDelay = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    protected KubeStandIn StandIn { get; private set; } = null!;

    protected IKubernetes Client => StandIn.Client();

    public async Task InitializeAsync() =>
        StandIn = await KubeStandIn.StartAsync(new KubeStandInOptions { TimeProvider = Time, ControllerDelay = ControllerDelay });

    public async Task DisposeAsync() => await StandIn.DisposeAsync();

    protected async Task<string> NamespaceAsync(string name = "tenant-a")
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>Lets the fake controllers' delay pass and lets them act.</summary>
    protected void SettleControllers()
    {
        Time.Advance(ControllerDelay);
        StandIn.Controllers.RunOnce();
    }
}
