using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Npgsql;

namespace Broker.Bench.Provisioning;

/// <summary>
/// The floor the broker's provisioning cost is weighed against: a minimal durable controller, in this process like
/// the broker. Per order: one PostgreSQL transaction recording the order and updating its department's quota row
/// (<see cref="MinimalLedger"/>), which is the placement its caller waits for; then, off the caller's path, one create
/// of the broker's own VirtualMachine manifest (<see cref="VmTemplate"/>) through a KubernetesClient built from the
/// same kubeconfig as the broker's, by a work queue of as many workers as orders in flight; and ready learned from one
/// watch on VirtualMachines (labelled as its own), not by polling. No approval, capacity, audit, journal or
/// recording of readiness: the broker's cost for those is what the comparison shows.
/// </summary>
public sealed class MinimalController : IOrderPath, IAsyncDisposable
{
    private readonly MinimalLedger _ledger;
    private readonly Kubernetes _client;
    private readonly VmTemplate _template;
    private readonly Channel<(string Namespace, string Name)> _creates = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _readyAt = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watch;
    private readonly Task[] _workers;
    private int _failedCreates;
    private int _watchRestarts;

    private MinimalController(MinimalLedger ledger, Kubernetes client, VmTemplate template, int workers)
    {
        _ledger = ledger;
        _client = client;
        _template = template;
        _watch = Task.Run(WatchAsync);
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(CreateAsync))];
    }

    /// <summary>Creates that the API server refused (a duplicate would be one).</summary>
    public int FailedCreates => _failedCreates;

    /// <summary>How often the watch ended and was opened again (each reopening lists what exists, so no event is lost).</summary>
    public int WatchRestarts => _watchRestarts;

    public MinimalLedger Ledger => _ledger;

    public static string NamespaceFor(string department) => $"minimal-{department}";

    /// <summary>Its own database's tables and quota rows, and a namespace per department; then the watch and the workers start.</summary>
    public static async Task<MinimalController> StartAsync(string connectionString, string kubeconfigPath, VmTemplate template, ProvisioningSettings settings)
    {
        var ledger = new MinimalLedger(NpgsqlDataSource.Create(connectionString));
        await ledger.CreateAsync(settings);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        foreach (var department in settings.DepartmentCodes)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = NamespaceFor(department) } });
        }

        return new MinimalController(ledger, client, template, settings.Concurrency);
    }

    public async Task PlaceAsync(string department, string orderId)
    {
        if (!await _ledger.PlaceAsync(department, orderId))
        {
            throw new InvalidOperationException($"Minimal order {department}/{orderId} did not fit its quota.");
        }

        _creates.Writer.TryWrite((NamespaceFor(department), orderId));
    }

    public Task<ReadyTally> ReadyAsync(string orderPrefix)
    {
        var ready = 0;
        DateTimeOffset? last = null;
        foreach (var (name, at) in _readyAt)
        {
            if (name.StartsWith(orderPrefix, StringComparison.Ordinal))
            {
                ready++;
                last = last is { } l && l > at ? l : at;
            }
        }

        return Task.FromResult(new ReadyTally(ready, last));
    }

    public async ValueTask DisposeAsync()
    {
        _creates.Writer.TryComplete();
        await _stopping.CancelAsync();
        await Task.WhenAll([_watch, .. _workers]);
        _client.Dispose();
        _stopping.Dispose();
        await _ledger.DisposeAsync();
    }

    private async Task CreateAsync()
    {
        try
        {
            await foreach (var (ns, name) in _creates.Reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    await _client.CustomObjects.CreateNamespacedCustomObjectAsync(
                        _template.For(name), VmTemplate.Group, VmTemplate.Version, ns, VmTemplate.Plural, cancellationToken: _stopping.Token);
                }
                catch (HttpOperationException)
                {
                    Interlocked.Increment(ref _failedCreates);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task WatchAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                // Without a resourceVersion the watch starts with every existing VM as ADDED, so a reopened watch also
                // sees what became ready while it was closed.
                var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
                    VmTemplate.Group, VmTemplate.Version, VmTemplate.Plural, labelSelector: VmTemplate.MinimalLabel, cancellationToken: _stopping.Token);
                await foreach (var (type, vm) in events)
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified && vm is JsonElement element && IsReady(element, out var name))
                    {
                        _readyAt.TryAdd(name, DateTimeOffset.UtcNow);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or HttpOperationException or KubernetesException)
            {
                // The watch broke: open it again, as an informer would.
            }

            Interlocked.Increment(ref _watchRestarts);
        }
    }

    private static bool IsReady(JsonElement vm, out string name)
    {
        name = vm.GetProperty("metadata").GetProperty("name").GetString()!;
        return vm.TryGetProperty("status", out var status) && status.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True;
    }
}
