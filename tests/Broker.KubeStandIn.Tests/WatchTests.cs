using Broker.KubeStandIn.Tests.Support;
using k8s;
using k8s.Models;

namespace Broker.KubeStandIn.Tests;

public sealed class WatchTests : StandInTest
{
    [Fact]
    public async Task A_watch_streams_added_modified_and_deleted_events()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("existing"), ns);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType Type, string Name)>();

        await using var watch = Client.CoreV1.WatchListNamespacedSecretAsync(ns, cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
        await NextAsync(watch, events);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("new"), ns);
        await NextAsync(watch, events);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", V1Patch.PatchType.MergePatch), "new", ns);
        await NextAsync(watch, events);
        await Client.CoreV1.DeleteNamespacedSecretAsync("new", ns);
        await NextAsync(watch, events);

        Assert.Equal([(WatchEventType.Added, "existing"), (WatchEventType.Added, "new"), (WatchEventType.Modified, "new"), (WatchEventType.Deleted, "new")], events);
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_replays_what_happened_after_it()
    {
        var ns = await NamespaceAsync();
        var first = await Client.CoreV1.CreateNamespacedSecretAsync(Secret("a"), ns);
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("b"), ns);
        await Client.CoreV1.DeleteNamespacedSecretAsync("a", ns);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType Type, string Name)>();

        await using var watch = Client.CoreV1.WatchListNamespacedSecretAsync(ns, resourceVersion: first.Metadata.ResourceVersion, cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
        await NextAsync(watch, events);
        await NextAsync(watch, events);

        Assert.Equal([(WatchEventType.Added, "b"), (WatchEventType.Deleted, "a")], events);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_objects_enter_and_leave_the_selection()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("s"), ns);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<(WatchEventType Type, string Name)>();

        await using var watch = Client.CoreV1.WatchListNamespacedSecretAsync(ns, labelSelector: "tier=gold", cancellationToken: timeout.Token).GetAsyncEnumerator(timeout.Token);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"gold\"}}}", V1Patch.PatchType.MergePatch), "s", ns);
        await NextAsync(watch, events);
        await Client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"silver\"}}}", V1Patch.PatchType.MergePatch), "s", ns);
        await NextAsync(watch, events);

        Assert.Equal([(WatchEventType.Added, "s"), (WatchEventType.Deleted, "s")], events);
    }

    [Fact]
    public async Task A_watch_ends_when_its_timeout_passes_on_the_stand_ins_clock()
    {
        var ns = await NamespaceAsync();
        await Client.CoreV1.CreateNamespacedSecretAsync(Secret("s"), ns);
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Headers arrive once the stream (and its timer) started; only then does advancing the clock reach it.
        using var response = await http.GetAsync(
            new Uri($"{StandIn.Url}/api/v1/namespaces/{ns}/secrets?watch=true&timeoutSeconds=60"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Time.Advance(TimeSpan.FromSeconds(60));
        var body = await response.Content.ReadAsStringAsync(timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"type\":\"ADDED\",\"object\":{", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_older_than_the_history_gets_410_Expired()
    {
        await using var standIn = await KubeStandIn.StartAsync(new KubeStandInOptions { TimeProvider = Time, WatchHistoryLimit = 2 });
        await standIn.Client().CoreV1.CreateNamespacedSecretAsync(Secret("a"), "default");
        await standIn.Client().CoreV1.CreateNamespacedSecretAsync(Secret("b"), "default");
        await standIn.Client().CoreV1.CreateNamespacedSecretAsync(Secret("c"), "default");
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri($"{standIn.Url}/api/v1/namespaces/default/secrets?watch=true&resourceVersion=1"));

        Assert.StartsWith("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\"", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":410", body, StringComparison.Ordinal);
    }

    private static async Task NextAsync(IAsyncEnumerator<(WatchEventType Type, V1Secret Secret)> watch, List<(WatchEventType, string)> events)
    {
        Assert.True(await watch.MoveNextAsync());
        events.Add((watch.Current.Type, watch.Current.Secret.Metadata.Name));
    }

    private static V1Secret Secret(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };
}
